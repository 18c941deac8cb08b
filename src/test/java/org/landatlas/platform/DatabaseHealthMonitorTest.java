package org.landatlas.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.landatlas.testing.PostgisTestDatabase;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * The background database check of /actuator/health through a TCP relay the test controls: UP through it, DOWN
 * when the relay refuses or silently stops forwarding (a network cut on open sockets), UP again afterwards.
 */
class DatabaseHealthMonitorTest {

    private static final Duration INTERVAL = Duration.ofMillis(200);
    private static final Duration TIMEOUT = Duration.ofMillis(1000);

    @Test
    void followsTheDatabaseDownAndUpAgain() throws Exception {
        PostgisTestDatabase.Connection db = PostgisTestDatabase.get();
        URI target = URI.create(db.url().substring("jdbc:".length()));
        try (Relay relay = new Relay(target.getHost(), target.getPort())) {
            try (DatabaseHealthMonitor monitor = new DatabaseHealthMonitor(
                    db.url().replaceFirst("//[^/]+/", "//127.0.0.1:" + relay.port() + "/"), db.user(), db.password(), INTERVAL, TIMEOUT)) {
                Health up = monitor.health();
                assertThat(up.getStatus()).isEqualTo(Status.UP);
                assertThat(up.getDetails()).containsEntry("database", "PostgreSQL").containsKey("checkedAgoMs");
                assertThat((Long) up.getDetails().get("checkedAgoMs")).isLessThan(INTERVAL.toMillis() * 3);

                // Answered from the last check: no round trip per call.
                long t0 = System.nanoTime();
                for (int i = 0; i < 1000; i++) {
                    monitor.health();
                }
                assertThat((System.nanoTime() - t0) / 1_000_000).as("1000 calls in ms").isLessThan(500);

                relay.blackHole(true);
                awaitStatus(monitor::health, Status.DOWN, INTERVAL.plus(TIMEOUT).plus(TIMEOUT).plus(Duration.ofSeconds(2)));
                relay.blackHole(false);
                awaitStatus(monitor::health, Status.UP, Duration.ofSeconds(5));

                relay.refuse(true);
                awaitStatus(monitor::health, Status.DOWN, INTERVAL.plus(TIMEOUT).plus(Duration.ofSeconds(2)));
                // A longer outage, as a restart is: a pool's retry backoff would have grown to seconds by now.
                Thread.sleep(5000);
                relay.refuse(false);
                long back = System.nanoTime();
                awaitStatus(monitor::health, Status.UP, Duration.ofSeconds(5));
                assertThat((System.nanoTime() - back) / 1_000_000).as("ms from the server's return to UP")
                        .isLessThan(INTERVAL.toMillis() * 3);
            }
        }
    }

    private static void awaitStatus(Supplier<Health> health, Status expected, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        Health h = health.get();
        while (!h.getStatus().equals(expected) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            h = health.get();
        }
        assertThat(h.getStatus()).as("health within %s: %s", within, h.getDetails()).isEqualTo(expected);
    }

    /** Forwards TCP to the database; can refuse new connections (and cut open ones) or stop forwarding silently. */
    private static final class Relay implements AutoCloseable {
        private final ServerSocket server;
        private final List<Socket> sockets = new CopyOnWriteArrayList<>();
        private volatile boolean refuse;
        private volatile boolean blackHole;

        Relay(String host, int port) throws IOException {
            server = new ServerSocket();
            server.bind(new InetSocketAddress("127.0.0.1", 0));
            Thread accept = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket client = server.accept();
                        if (refuse) {
                            client.close();
                            continue;
                        }
                        Socket upstream = new Socket(host, port);
                        sockets.add(client);
                        sockets.add(upstream);
                        pump(client, upstream);
                        pump(upstream, client);
                    } catch (IOException e) {
                        // closed
                    }
                }
            }, "relay-accept");
            accept.setDaemon(true);
            accept.start();
        }

        int port() {
            return server.getLocalPort();
        }

        void refuse(boolean on) throws IOException {
            refuse = on;
            if (on) {
                cutAll();
            }
        }

        void blackHole(boolean on) throws IOException {
            blackHole = on;
            if (!on) {
                // The connections that were held stay broken, as after a real cut.
                cutAll();
            }
        }

        private void cutAll() throws IOException {
            for (Socket s : sockets) {
                s.close();
            }
            sockets.clear();
        }

        private void pump(Socket from, Socket to) {
            Thread t = new Thread(() -> {
                byte[] buffer = new byte[8192];
                try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                    int n;
                    while ((n = in.read(buffer)) >= 0) {
                        if (!blackHole) {
                            out.write(buffer, 0, n);
                            out.flush();
                        }
                    }
                } catch (IOException e) {
                    // cut
                }
            }, "relay-pump");
            t.setDaemon(true);
            t.start();
        }

        @Override
        public void close() throws IOException {
            server.close();
            cutAll();
        }
    }
}
