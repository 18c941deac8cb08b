package org.landatlas.tiles;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hot tiles in memory, least recently used out first, bounded by bytes. Each layer has a generation that a
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
                java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(mvt.length / 2);
                try (java.util.zip.GZIPOutputStream z = new java.util.zip.GZIPOutputStream(out)) {
                    z.write(mvt);
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
                g = gzip = out.toByteArray();
            }
            return g;
        }

        long bytes() {
            // Counted with room for the gzip copy, so the budget holds once clients have asked for it.
            return mvt.length * 3L / 2 + 96;
        }
    }

    private final long maxBytes;
    private final LinkedHashMap<Key, Entry> lru = new LinkedHashMap<>(1024, 0.75f, true);
    private final Map<String, AtomicLong> generations = new ConcurrentHashMap<>();
    private long bytes;

    TileCache(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    synchronized Entry get(Key key) {
        return lru.get(key);
    }

    long generation(String layer) {
        return generations.computeIfAbsent(layer, l -> new AtomicLong()).get();
    }

    /** Stores the entry unless the layer changed since {@code generation} was read. */
    synchronized void put(Key key, Entry entry, long generation) {
        if (generation(key.layer()) != generation) {
            return;
        }
        Entry old = lru.put(key, entry);
        bytes += entry.bytes() - (old == null ? 0 : old.bytes());
        Iterator<Map.Entry<Key, Entry>> it = lru.entrySet().iterator();
        while (bytes > maxBytes && it.hasNext()) {
            bytes -= it.next().getValue().bytes();
            it.remove();
        }
    }

    /** Drops the layer's tiles that overlap the box [minLon, minLat, maxLon, maxLat] (null: all of the layer). */
    synchronized int evict(String layer, double[] box) {
        generations.computeIfAbsent(layer, l -> new AtomicLong()).incrementAndGet();
        int n = 0;
        Iterator<Map.Entry<Key, Entry>> it = lru.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Key, Entry> e = it.next();
            Key k = e.getKey();
            if (k.layer().equals(layer) && (box == null || TileMath.overlaps(k.z(), k.x(), k.y(), box))) {
                bytes -= e.getValue().bytes();
                it.remove();
                n++;
            }
        }
        return n;
    }

    synchronized void clear() {
        for (AtomicLong g : generations.values()) {
            g.incrementAndGet();
        }
        lru.clear();
        bytes = 0;
    }
}
