package dev.vprompt.engine.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * The MAE half of the model as the official {@code generate_raw_prediction} runs it: patch embedding + positions,
 * keep the visible patches in {@code ids_shuffle} order, prepend cls, encoder blocks, {@code norm},
 * {@code decoder_embed}, append mask tokens, un-shuffle, + decoder positions, decoder blocks, {@code decoder_norm},
 * {@code decoder_pred}, drop cls. The whole batch runs at once; masks may differ per sample but keep the same number
 * of patches. Immutable after construction.
 */
final class MaeTransformer {

    private final MaeVqganConfig cfg;
    private final NDArray patchW;
    private final NDArray patchB;
    private final NDArray patchPositions;
    private final NDArray clsWithPosition;
    private final NDArray maskToken;
    private final NDArray decoderPositions;
    private final List<TransformerBlock> encoder = new ArrayList<>();
    private final NDArray normW;
    private final NDArray normB;
    private final NDArray decEmbedW;
    private final NDArray decEmbedB;
    private final List<TransformerBlock> decoder = new ArrayList<>();
    private final NDArray decNormW;
    private final NDArray decNormB;
    private final NDArray predW;
    private final NDArray predB;

    MaeTransformer(Weights w, MaeVqganConfig cfg) {
        this.cfg = cfg;
        patchW = w.get("patch_embed.proj.weight");
        patchB = w.get("patch_embed.proj.bias");
        NDArray pos = w.get("pos_embed");
        patchPositions = w.keep("pos_embed[1:]", pos.get(new NDIndex(":, 1:, :")));
        try (NDArray first = pos.get(new NDIndex(":, :1, :"))) {
            clsWithPosition =
                    w.keep("cls_token+pos_embed[0]", w.get("cls_token").add(first));
        }
        maskToken = w.get("mask_token");
        decoderPositions = w.get("decoder_pos_embed");
        for (int i = 0; i < cfg.depth(); i++) {
            encoder.add(new TransformerBlock(w, "blocks." + i + ".", cfg.embedDim(), cfg.numHeads(), cfg.normEps()));
        }
        normW = w.get("norm.weight");
        normB = w.get("norm.bias");
        decEmbedW = w.get("decoder_embed.weight");
        decEmbedB = w.get("decoder_embed.bias");
        for (int i = 0; i < cfg.decoderDepth(); i++) {
            decoder.add(new TransformerBlock(
                    w, "decoder_blocks." + i + ".", cfg.decoderEmbedDim(), cfg.decoderNumHeads(), cfg.normEps()));
        }
        decNormW = w.get("decoder_norm.weight");
        decNormB = w.get("decoder_norm.bias");
        predW = w.get("decoder_pred.weight");
        predB = w.get("decoder_pred.bias");
    }

    /**
     * The encoder latent [N, 1 + kept, embed_dim] (cls first, then the visible patches in {@code ids_shuffle} order).
     *
     * @param image normalised [N, 3, 224, 224]
     * @param idsShuffle int64 [N, 196]
     */
    NDArray encode(NDArray image, NDArray idsShuffle, int kept) {
        long n = image.getShape().get(0);
        long e = cfg.embedDim();
        NDArray x = Nn.scoped(image, img -> {
            // [N, E, g, g] -> [N, E, P] -> [N, P, E], + positions
            NDArray tokens = Nn.patchConv(img, patchW, patchB)
                    .reshape(n, e, cfg.numPatches())
                    .transpose(0, 2, 1)
                    .add(patchPositions);
            NDArray keep = idsShuffle
                    .get(new NDIndex(":, :" + kept))
                    .reshape(n, kept, 1)
                    .broadcast(n, kept, e);
            NDArray visible = tokens.gather(keep, 1);
            NDArray cls = broadcastInto(clsWithPosition, img.getManager(), new Shape(n, 1, e));
            return NDArrays.concat(new NDList(cls, visible), 1);
        });
        for (TransformerBlock block : encoder) {
            x = replace(x, block.forward(x));
        }
        return replace(x, Nn.layerNorm(x, normW, normB, (float) cfg.normEps()));
    }

    /**
     * Logits [N, 196, vocab] in raster patch order from the encoder latent.
     *
     * @param idsRestore int64 [N, 196], the inverse of {@code ids_shuffle}
     */
    NDArray decode(NDArray latent, NDArray idsRestore) {
        NDArray features = decodeFeatures(latent, idsRestore);
        try (features) {
            return Nn.scoped(features, in -> Nn.linear(in, predW, predB).get(new NDIndex(":, 1:, :")));
        }
    }

    /** The decoder up to {@code decoder_norm}: [N, 197, decoder_embed_dim], cls first. */
    private NDArray decodeFeatures(NDArray latent, NDArray idsRestore) {
        long n = latent.getShape().get(0);
        long d = cfg.decoderEmbedDim();
        int patches = cfg.numPatches();
        NDArray x = Nn.scoped(latent, lat -> {
            NDArray y = Nn.linear(lat, decEmbedW, decEmbedB);
            long kept = y.getShape().get(1) - 1;
            NDArray masks = broadcastInto(maskToken, lat.getManager(), new Shape(n, patches - kept, d));
            NDArray shuffled = NDArrays.concat(new NDList(y.get(new NDIndex(":, 1:, :")), masks), 1);
            NDArray restore = idsRestore.reshape(n, patches, 1).broadcast(n, patches, d);
            NDArray unshuffled = shuffled.gather(restore, 1);
            return NDArrays.concat(new NDList(y.get(new NDIndex(":, :1, :")), unshuffled), 1)
                    .add(decoderPositions);
        });
        for (TransformerBlock block : decoder) {
            x = replace(x, block.forward(x));
        }
        return replace(x, Nn.layerNorm(x, decNormW, decNormB, (float) cfg.normEps()));
    }

    /** A broadcast view of a model tensor, owned by {@code m} so the per-call manager frees it. */
    private static NDArray broadcastInto(NDArray weight, NDManager m, Shape shape) {
        NDArray view = weight.broadcast(shape);
        view.attach(m);
        return view;
    }

    private static NDArray replace(NDArray old, NDArray next) {
        old.close();
        return next;
    }
}
