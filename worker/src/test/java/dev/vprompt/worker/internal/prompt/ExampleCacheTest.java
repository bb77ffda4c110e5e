package dev.vprompt.worker.internal.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vprompt.engine.image.RgbImage;
import dev.vprompt.schemas.ObjectRef;
import dev.vprompt.schemas.PromptJob;
import dev.vprompt.schemas.PromptLayout;
import dev.vprompt.schemas.Task;
import dev.vprompt.worker.TestJobs;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which examples the cache keeps, and how it stays within its budget. */
class ExampleCacheTest {

    private static final int CELL_BYTES = 3 * 111 * 111;

    @Test
    void shouldCacheOnlyImmutableObjectsWhenAskedForAKey() {
        // Given
        ExampleCache cache = new ExampleCache(1 << 20, Set.of("frozen"));
        // When / Then
        assertThat(cache.keyOf(ref("frozen", "a.png", null), false, CellKind.GRID2X2_BICUBIC))
                .isNotNull();
        assertThat(cache.keyOf(ref("live", "a.png", "v3"), false, CellKind.GRID2X2_BICUBIC))
                .as("a version id pins the content")
                .isNotNull();
        assertThat(cache.keyOf(ref("live", "a.png", null), false, CellKind.GRID2X2_BICUBIC))
                .as("an unversioned key elsewhere may be overwritten")
                .isNull();
        assertThat(ExampleCache.disabled().keyOf(ref("frozen", "a.png", "v1"), false, CellKind.GRID2X2_BICUBIC))
                .isNull();
    }

    @Test
    void shouldTellMasksAndLayoutsApartWhenTheObjectIsTheSame() {
        // Given
        ExampleCache cache = new ExampleCache(1 << 20, Set.of("frozen"));
        ObjectRef r = ref("frozen", "a.png", null);
        cache.put(cache.keyOf(r, false, CellKind.GRID2X2_BICUBIC), cell(1));
        // When / Then
        assertThat(cache.get(cache.keyOf(r, false, CellKind.GRID2X2_BICUBIC))).isNotNull();
        assertThat(cache.get(cache.keyOf(r, true, CellKind.GRID2X2_BICUBIC))).isNull();
        assertThat(cache.get(cache.keyOf(r, false, CellKind.GRID3X2))).isNull();
        assertThat(cache.hits()).isEqualTo(1);
        assertThat(cache.misses()).isEqualTo(2);
    }

    @Test
    void shouldEvictTheLeastRecentlyUsedCellWhenTheBudgetIsExceeded() {
        // Given: room for two cells
        ExampleCache cache = new ExampleCache(2L * CELL_BYTES, Set.of("b"));
        ExampleCache.Key a = cache.keyOf(ref("b", "a", null), false, CellKind.GRID2X2_BICUBIC);
        ExampleCache.Key b = cache.keyOf(ref("b", "b", null), false, CellKind.GRID2X2_BICUBIC);
        ExampleCache.Key c = cache.keyOf(ref("b", "c", null), false, CellKind.GRID2X2_BICUBIC);
        cache.put(a, cell(1));
        cache.put(b, cell(2));
        cache.get(a); // a is now the most recently used
        // When
        cache.put(c, cell(3));
        // Then
        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.bytes()).isEqualTo(2L * CELL_BYTES);
        assertThat(cache.get(b)).isNull();
        assertThat(cache.get(a).pixels()[0]).isEqualTo((byte) 1);
        assertThat(cache.get(c).pixels()[0]).isEqualTo((byte) 3);
    }

    @Test
    void shouldKeepTheByteCountWhenACellIsReplaced() {
        ExampleCache cache = new ExampleCache(10L * CELL_BYTES, Set.of("b"));
        ExampleCache.Key a = cache.keyOf(ref("b", "a", null), false, CellKind.GRID2X2_BICUBIC);
        cache.put(a, cell(1));
        cache.put(a, cell(2));
        assertThat(cache.bytes()).isEqualTo(CELL_BYTES);
        assertThat(cache.get(a).pixels()[0]).isEqualTo((byte) 2);
    }

    @Test
    void shouldLookUpEveryExampleOfAJobWithItsOwnCellKindWhenAJobStarts() {
        // Given: a cache that trusts the images bucket, holding the (mask) output cell of a segmentation job; the
        // jobs are ensembles, so both their pairs are used
        ExampleCache cache = new ExampleCache(1 << 20, Set.of("images"));
        PromptJob segmentation = ensemble(Task.SEGMENTATION);
        cache.put(cache.keyOf(TestJobs.ref("ex-out0"), true, CellKind.GRID2X2_BICUBIC), cell(7));
        // When
        ExampleCells cells = cache.lookUp(segmentation);
        ExampleCells detection = cache.lookUp(ensemble(Task.DETECTION));
        // Then
        assertThat(cells.holds(0, true)).isTrue();
        assertThat(cells.cell(0, true).pixels()[0]).isEqualTo((byte) 7);
        assertThat(cells.holds(0, false)).isFalse();
        assertThat(cells.holds(1, true)).isFalse();
        assertThat(cells.key(1, true).mask())
                .as("segmentation outputs are masks")
                .isTrue();
        assertThat(cells.key(1, false).mask()).isFalse();
        assertThat(detection.holds(0, true)).as("detection cells are bilinear").isFalse();
        assertThat(cache.hits()).isEqualTo(1);
        assertThat(cache.misses()).isEqualTo(7);
    }

    private static PromptJob ensemble(Task task) {
        return PromptJob.newBuilder(TestJobs.job(task, PromptLayout.AUTO, 2, "ex-", "q"))
                .setEnsemble(true)
                .build();
    }

    static ObjectRef ref(String bucket, String key, String versionId) {
        return ObjectRef.newBuilder()
                .setBucket(bucket)
                .setKey(key)
                .setVersionId(versionId)
                .build();
    }

    private static RgbImage cell(int value) {
        return RgbImage.filled(111, 111, value, value, value);
    }
}
