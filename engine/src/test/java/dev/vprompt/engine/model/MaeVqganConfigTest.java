package dev.vprompt.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vprompt.engine.checkpoint.StateDict;
import dev.vprompt.engine.checkpoint.TensorData;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class MaeVqganConfigTest {

    @Test
    void shouldReadEveryKeyWhenParsingTheFixtureConfig() {
        // When
        MaeVqganConfig cfg = Fixture.config();

        // Then: the values of the fixture README's architecture table
        assertThat(cfg.imgSize()).isEqualTo(224);
        assertThat(cfg.patchSize()).isEqualTo(16);
        assertThat(cfg.embedDim()).isEqualTo(64);
        assertThat(cfg.depth()).isEqualTo(2);
        assertThat(cfg.numHeads()).isEqualTo(4);
        assertThat(cfg.decoderEmbedDim()).isEqualTo(32);
        assertThat(cfg.decoderDepth()).isEqualTo(2);
        assertThat(cfg.decoderNumHeads()).isEqualTo(4);
        assertThat(cfg.mlpRatio()).isEqualTo(4.0);
        assertThat(cfg.normEps()).isEqualTo(1e-6);
        assertThat(cfg.vocabSize()).isEqualTo(1024);
        VqganConfig v = cfg.vqgan();
        assertThat(v.embedDim()).isEqualTo(16);
        assertThat(v.nEmbed()).isEqualTo(1024);
        assertThat(v.ch()).isEqualTo(32);
        assertThat(v.chMult()).containsExactly(1, 1, 2, 2, 2);
        assertThat(v.numResBlocks()).isEqualTo(1);
        assertThat(v.attnResolutions()).containsExactly(16);
        assertThat(v.zChannels()).isEqualTo(16);
        assertThat(v.resolution()).isEqualTo(256);
        assertThat(v.doubleZ()).isFalse();
    }

    @Test
    void shouldEqualTheFixtureConfigJsonWhenTheTinyArchitectureIsNamed() {
        // Given
        MaeVqganConfig fromFile = Fixture.config();

        // When
        MaeVqganConfig named = MaeVqganConfig.tiny();

        // Then
        assertThat(named).isEqualTo(fromFile);
    }

    @Test
    void shouldNameExactlyTheInferenceTensorsWhenComparedWithTheFixtureCheckpoint() {
        // Given
        MaeVqganConfig cfg = Fixture.config();
        StateDict sd = Fixture.stateDict();

        // When
        Map<String, long[]> expected = cfg.expectedShapes();

        // Then: every needed tensor is in the checkpoint with that shape ...
        for (Map.Entry<String, long[]> e : expected.entrySet()) {
            TensorData t = sd.find(e.getKey()).orElseThrow(() -> new AssertionError("missing " + e.getKey()));
            assertThat(t.shape()).as(e.getKey()).containsExactly(e.getValue());
        }
        // ... and the checkpoint tensors left out are exactly the VQGAN encoder half
        Set<String> unused = new TreeSet<>(sd.tensors().keySet());
        unused.removeAll(expected.keySet());
        assertThat(unused).isNotEmpty().allMatch(n -> n.startsWith("vae.encoder.") || n.startsWith("vae.quant_conv."));
        assertThat(sd.tensors().keySet().stream()
                        .filter(n -> n.startsWith("vae.encoder.") || n.startsWith("vae.quant_conv."))
                        .collect(Collectors.toSet()))
                .isEqualTo(unused);
    }

    @Test
    void shouldDescribeTheOfficialModelWhenAskedForOfficial() {
        // When
        MaeVqganConfig cfg = MaeVqganConfig.official();

        // Then: mae_vit_large_patch16 and taming's vqgan_imagenet_f16_1024 model.yaml
        assertThat(List.of(cfg.embedDim(), cfg.depth(), cfg.numHeads())).containsExactly(1024, 24, 16);
        assertThat(List.of(cfg.decoderEmbedDim(), cfg.decoderDepth(), cfg.decoderNumHeads()))
                .containsExactly(512, 8, 16);
        assertThat(cfg.mlpRatio()).isEqualTo(4.0);
        assertThat(cfg.normEps()).isEqualTo(1e-6);
        VqganConfig v = cfg.vqgan();
        assertThat(List.of(v.embedDim(), v.nEmbed(), v.ch(), v.numResBlocks(), v.zChannels(), v.resolution()))
                .containsExactly(256, 1024, 128, 2, 256, 256);
        assertThat(v.chMult()).containsExactly(1, 1, 2, 2, 4);
        assertThat(v.attnResolutions()).containsExactly(16);
        assertThat(cfg.expectedShapes().get("vae.decoder.conv_in.weight")).containsExactly(512, 256, 3, 3);
        assertThat(cfg.expectedShapes().get("blocks.23.mlp.fc1.weight")).containsExactly(4096, 1024);
    }

    @Test
    void shouldListEveryProblemWhenTheConfigIsInvalid() {
        // Given
        String json = "{\"img_size\":224,\"patch_size\":16,\"embed_dim\":63,\"depth\":0,\"num_heads\":4,"
                + "\"decoder_embed_dim\":32,\"decoder_depth\":2,\"decoder_num_heads\":4,\"mlp_ratio\":4.0,"
                + "\"norm_eps\":1e-6,\"in_chans\":3,\"vocab_size\":512,\"vqgan\":{\"embed_dim\":16,\"n_embed\":1024,"
                + "\"ch\":32,\"ch_mult\":[1,1,2,2,2],\"num_res_blocks\":1,\"attn_resolutions\":[16],"
                + "\"z_channels\":16,\"resolution\":256,\"in_channels\":3,\"out_ch\":3,\"double_z\":false,\"dropout\":0.0}}";

        // When / Then
        assertThatThrownBy(
                        () -> MaeVqganConfig.fromJson(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(ModelConfigException.class)
                .hasMessageContaining("embed_dim 63 must be divisible by num_heads 4")
                .hasMessageContaining("depth must be positive")
                .hasMessageContaining("vocab_size 512 must equal vqgan.n_embed 1024");
    }

    @Test
    void shouldRejectVqganWhenChannelsDoNotSplitIntoGroupNormGroups() {
        // When / Then
        assertThatThrownBy(() ->
                        new VqganConfig(16, 1024, 16, List.of(1, 1, 2, 2, 2), 1, List.of(16), 16, 256, 3, 3, false, 0))
                .isInstanceOf(ModelConfigException.class)
                .hasMessageContaining("must be divisible by num_groups 32");
    }

    @Test
    void shouldRejectVqganWhenItsUpsamplingDoesNotMatchThePatchSize() {
        // Given
        VqganConfig threeLevels =
                new VqganConfig(16, 1024, 32, List.of(1, 2, 2), 1, List.of(16), 16, 256, 3, 3, false, 0);
        // When / Then
        assertThatThrownBy(() -> new MaeVqganConfig(224, 16, 64, 2, 4, 32, 2, 4, 4, 1e-6, 3, 1024, threeLevels))
                .isInstanceOf(ModelConfigException.class)
                .hasMessageContaining("must equal patch_size 16");
    }

    @Test
    void shouldDefaultToThirtyTwoGroupsWhenTheConfigOmitsNumGroups() {
        // Given: the fixture's config.json, written before num_groups existed
        MaeVqganConfig cfg = Fixture.config();

        // When / Then
        assertThat(cfg.vqgan().numGroups()).isEqualTo(VqganConfig.GROUPS);
    }

    @Test
    void shouldAcceptNarrowChannelsWhenNumGroupsDividesThem() {
        // When
        VqganConfig v = new VqganConfig(16, 1024, 16, List.of(1, 1, 2, 2, 4), 1, List.of(), 16, 256, 3, 3, false, 0, 8);

        // Then
        assertThat(v.numGroups()).isEqualTo(8);
        assertThatThrownBy(() ->
                        new VqganConfig(16, 1024, 12, List.of(1, 1, 2, 2, 4), 1, List.of(), 16, 256, 3, 3, false, 0, 8))
                .isInstanceOf(ModelConfigException.class)
                .hasMessageContaining("ch=12 must be divisible by num_groups 8");
    }

    @Test
    void shouldKeepNumGroupsWhenWrittenAndReadAsJson() throws Exception {
        // Given
        VqganConfig v = new VqganConfig(16, 64, 16, List.of(1, 1, 2, 2, 4), 1, List.of(), 16, 256, 3, 3, false, 0, 8);
        MaeVqganConfig cfg = new MaeVqganConfig(224, 16, 64, 2, 4, 32, 2, 4, 4.0, 1e-6, 3, 64, v);

        // When
        byte[] json = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsBytes(cfg);
        MaeVqganConfig back = MaeVqganConfig.fromJson(new ByteArrayInputStream(json));

        // Then
        assertThat(back).isEqualTo(cfg);
        assertThat(new String(json, StandardCharsets.UTF_8)).contains("\"num_groups\":8");
    }
}
