package org.landatlas.tiles;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Hot tiles in memory, bounded by bytes (Caffeine, weighed by tile size). Each layer has a generation that a
 * change notification bumps; a tile computed under an older generation is not stored, so a change that lands
 * while a tile is being computed can never leave a stale tile behind.
 */
final class TileCache {

    record Key(String layer, int z, int x, int y, String filters) {
    }

    /** A tile, its ETag, and its gzip encoding, made the first time a client asks for it. */
    static final class Entry {
        private final byte[] mvt;
        private final String etag;
        private volatile byte[] gzip;

        Entry(byte[] mvt, String etag) {
            this.mvt = mvt;
            this.etag = etag;
        }

        byte[] mvt() {
            return mvt;
        }

        String etag() {
            return etag;
        }

        byte[] gzip() {
            byte[] g = gzip;
            if (g == null) {
                ByteArrayOutputStream out = new ByteArrayOutputStream(mvt.length / 2);
                try (GZIPOutputStream z = new GZIPOutputStream(out)) {
                    z.write(mvt);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
                g = gzip = out.toByteArray();
            }
            return g;
        }

        int bytes() {
            // Counted with room for the gzip copy, so the budget holds once clients have asked for it.
            return (int) Math.min(Integer.MAX_VALUE, mvt.length * 3L / 2 + 96);
        }
    }

    private final Cache<Key, Entry> tiles;
    private final Map<String, AtomicLong> generations = new ConcurrentHashMap<>();
    /** When each layer last changed (System.nanoTime), for reads that must not come from a replica behind it. */
    private final Map<String, Long> changedAt = new ConcurrentHashMap<>();

    TileCache(long maxBytes) {
        // Evictions run on the writing thread: the budget holds as soon as put returns, with no pool thread.
        this.tiles = Caffeine.newBuilder().recordStats().maximumWeight(maxBytes).weigher((Key k, Entry e) -> e.bytes()).executor(Runnable::run).build();
    }

    Entry get(Key key) {
        return tiles.getIfPresent(key);
    }

    long generation(String layer) {
        return counter(layer).get();
    }

    private AtomicLong counter(String layer) {
        return generations.computeIfAbsent(layer, l -> new AtomicLong());
    }

    /** Whether the layer changed less than {@code nanos} ago. */
    boolean changedWithin(String layer, long nanos) {
        Long at = changedAt.get(layer);
        return at != null && System.nanoTime() - at < nanos;
    }

    /** The Caffeine cache itself, for its hit and miss metrics. */
    Cache<Key, Entry> tiles() {
        return tiles;
    }

    /** Stores the entry unless the layer changed since {@code generation} was read. */
    void put(Key key, Entry entry, long generation) {
        AtomicLong current = counter(key.layer());
        if (current.get() != generation) {
            return;
        }
        tiles.put(key, entry);
        // An eviction that bumped the generation between the test above and the put may have scanned the cache
        // before the tile was in it: take it back out. (One that bumps it after this test sees the tile.)
        if (current.get() != generation) {
            tiles.asMap().remove(key, entry);
        }
    }

    /** Drops the layer's tiles that overlap the box [minLon, minLat, maxLon, maxLat] (null: all of the layer). */
    int evict(String layer, double[] box) {
        changedAt.put(layer, System.nanoTime());
        counter(layer).incrementAndGet();
        int[] n = {0};
        tiles.asMap().keySet().removeIf(k -> {
            boolean stale = k.layer().equals(layer) && (box == null || TileMath.overlaps(k.z(), k.x(), k.y(), box));
            n[0] += stale ? 1 : 0;
            return stale;
        });
        return n[0];
    }

    void clear() {
        long now = System.nanoTime();
        generations.keySet().forEach(l -> changedAt.put(l, now));
        generations.values().forEach(AtomicLong::incrementAndGet);
        tiles.invalidateAll();
    }

    /** Bytes held, as weighed (for tests and metrics). */
    long weightedBytes() {
        tiles.cleanUp();
        return tiles.policy().eviction().orElseThrow().weightedSize().orElseThrow();
    }

    long size() {
        tiles.cleanUp();
        return tiles.estimatedSize();
    }
}
