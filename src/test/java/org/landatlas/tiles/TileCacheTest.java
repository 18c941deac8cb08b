package org.landatlas.tiles;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;

/** The byte budget, the generation check that keeps stale tiles out, box eviction and clearing. */
class TileCacheTest {

    private static TileCache.Entry tile(int bytes) {
        byte[] mvt = new byte[bytes];
        mvt[0] = (byte) bytes;
        return new TileCache.Entry(mvt, TileService.etag(mvt));
    }

    private static TileCache.Key key(String layer, int z, int x, int y) {
        return new TileCache.Key(layer, z, x, y, "{}");
    }

    @Test
    void holdsNoMoreBytesThanItsBudget() {
        TileCache cache = new TileCache(10_000);
        for (int i = 0; i < 100; i++) {
            cache.put(key("a", 14, i, 0), tile(1_000), cache.generation("a"));
        }
        // Each tile weighs 1,000 × 1.5 + 96 bytes (room for its gzip copy): at most six fit.
        assertThat(cache.weightedBytes()).isPositive().isLessThanOrEqualTo(10_000);
        assertThat(cache.size()).isBetween(1L, 6L);
        assertThat(tile(1_000).bytes()).isEqualTo(1_596);
    }

    @Test
    void aTileLargerThanTheBudgetIsNotKept() {
        TileCache cache = new TileCache(1_000);
        cache.put(key("a", 1, 0, 0), tile(2_000), cache.generation("a"));
        assertThat(cache.get(key("a", 1, 0, 0))).isNull();
        assertThat(cache.weightedBytes()).isZero();
    }

    @Test
    void aTileComputedBeforeAnInvalidationIsNotStored() {
        TileCache cache = new TileCache(1 << 20);
        long before = cache.generation("a");
        long otherLayer = cache.generation("b");
        cache.evict("a", new double[] {0, 0, 1, 1});
        cache.put(key("a", 10, 1, 1), tile(10), before);
        assertThat(cache.get(key("a", 10, 1, 1))).isNull();
        // Computed after it: stored; other layers are not affected.
        cache.put(key("a", 10, 1, 1), tile(10), cache.generation("a"));
        cache.put(key("b", 10, 1, 1), tile(10), otherLayer);
        assertThat(cache.get(key("a", 10, 1, 1))).isNotNull();
        assertThat(cache.get(key("b", 10, 1, 1))).isNotNull();
    }

    @Test
    void evictionDropsTheLayersTilesUnderTheBoxOnly() {
        TileCache cache = new TileCache(1 << 20);
        // Zoom 10 tiles at 0°/0° and at 100°E 30°N (x 796, y 422), in two layers.
        for (String layer : new String[] {"a", "b"}) {
            cache.put(key(layer, 10, 512, 511), tile(10), cache.generation(layer));
            cache.put(key(layer, 10, 796, 422), tile(10), cache.generation(layer));
        }
        assertThat(cache.evict("a", new double[] {100.0, 30.0, 100.01, 30.01})).isEqualTo(1);
        assertThat(cache.get(key("a", 10, 796, 422))).isNull();
        assertThat(cache.get(key("a", 10, 512, 511))).isNotNull();
        assertThat(cache.get(key("b", 10, 796, 422))).isNotNull();
        assertThat(cache.evict("b", null)).isEqualTo(2);
        assertThat(cache.get(key("b", 10, 512, 511))).isNull();
    }

    @Test
    void clearDropsEverythingAndRefusesTilesComputedBeforeIt() {
        TileCache cache = new TileCache(1 << 20);
        long before = cache.generation("a");
        cache.put(key("a", 3, 1, 1), tile(10), before);
        cache.clear();
        assertThat(cache.get(key("a", 3, 1, 1))).isNull();
        assertThat(cache.size()).isZero();
        cache.put(key("a", 3, 1, 2), tile(10), before);
        assertThat(cache.get(key("a", 3, 1, 2))).isNull();
    }

    @Test
    void theGzipCopyIsMadeOnceAndDecodesToTheTile() throws IOException {
        TileCache.Entry e = tile(5_000);
        byte[] gzip = e.gzip();
        assertThat(e.gzip()).isSameAs(gzip);
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            assertThat(in.readAllBytes()).isEqualTo(e.mvt());
        }
    }
}
