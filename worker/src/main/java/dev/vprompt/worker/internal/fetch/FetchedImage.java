package dev.vprompt.worker.internal.fetch;

import dev.vprompt.engine.image.RgbImage;

/**
 * One fetched image: its encoded bytes, or, for an example found in the {@link ExampleCache}, its prepared canvas
 * cell.
 *
 * @param bytes the encoded object, or null when {@code cell} is set
 * @param cell the cached canvas cell, or null
 * @param cacheKey where to keep the cell once prepared, or null when the object may not be cached
 */
public record FetchedImage(byte[] bytes, RgbImage cell, ExampleCache.Key cacheKey) {

    public static FetchedImage encoded(byte[] bytes, ExampleCache.Key cacheKey) {
        return new FetchedImage(bytes, null, cacheKey);
    }

    public static FetchedImage cached(RgbImage cell, ExampleCache.Key key) {
        return new FetchedImage(null, cell, key);
    }
}
