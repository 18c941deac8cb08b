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

    record Entry(byte[] mvt, byte[] gzip, String etag) {
        long bytes() {
            return mvt.length + (gzip == null ? 0 : gzip.length) + 96;
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

    synchronized int size() {
        return lru.size();
    }
}
