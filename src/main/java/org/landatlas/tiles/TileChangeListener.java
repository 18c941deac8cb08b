package org.landatlas.tiles;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Listens to the database's tile-change notifications (sent by triggers on every tile source table, naming the
 * table) on its own connection and evicts, under each change, the cached tiles of the layers invalidated by that
 * table ({@link TileSource#invalidatedBy}). If the connection drops, everything cached is
 * dropped too (a notification may have been missed) and the listener reconnects.
 */
@Component
class TileChangeListener implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TileChangeListener.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final TileService tiles;
    private final TileCatalogue catalogue;
    private final String url;
    private final String user;
    private final String password;
    private volatile boolean running;
    private Thread thread;

    TileChangeListener(TileService tiles, TileCatalogue catalogue, @Value("${spring.datasource.url}") String url, @Value("${spring.datasource.username:}") String user,
                       @Value("${spring.datasource.password:}") String password) {
        this.tiles = tiles;
        this.catalogue = catalogue;
        this.url = url;
        this.user = user;
        this.password = password;
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::listen, "tile-change-listener");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void listen() {
        while (running) {
            Properties props = new Properties();
            props.setProperty("user", user);
            props.setProperty("password", password);
            props.setProperty("tcpKeepAlive", "true");
            try (Connection c = DriverManager.getConnection(url, props); Statement st = c.createStatement()) {
                st.execute("LISTEN landatlas_tiles");
                // Whatever changed while nobody listened is unknown: start from an empty cache.
                tiles.cache().clear();
                PGConnection pg = c.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notes = pg.getNotifications(5_000);
                    if (notes == null) {
                        continue;
                    }
                    for (PGNotification n : notes) {
                        apply(n.getParameter());
                    }
                }
            } catch (SQLException e) {
                if (running) {
                    log.warn("Tile change listener lost its connection ({}); tile cache cleared, reconnecting", e.getMessage());
                    tiles.cache().clear();
                    sleep();
                }
            }
        }
    }

    void apply(String payload) {
        JsonNode n = JSON.readTree(payload);
        String table = n.path("layer").asString();
        JsonNode b = n.path("bbox");
        double[] box = b.isArray() && b.size() == 4
                ? new double[] {b.get(0).asDouble(), b.get(1).asDouble(), b.get(2).asDouble(), b.get(3).asDouble()} : null;
        for (TileSource source : catalogue.invalidatedBy(table)) {
            tiles.cache().evict(source.name(), box);
        }
    }

    private void sleep() {
        try {
            Thread.sleep(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
