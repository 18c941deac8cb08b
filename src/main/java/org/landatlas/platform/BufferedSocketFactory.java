package org.landatlas.platform;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

import javax.net.SocketFactory;

/**
 * Sockets for the PostgreSQL driver whose input is read in large pieces. The driver reads through a buffer of a
 * fixed 8 KB, so a 100 KB viewport page came in thirteen read calls, each a system call (on a virtual machine a
 * costly one). Beneath that buffer this one asks the kernel for up to {@link #BUFFER_BYTES} at a time, so the
 * same page takes one or two. Set through the driver's {@code socketFactory} connection property (see
 * application.yml); the bytes read are the same, only fewer calls fetch them (bench/RESULTS.md, issue #9).
 */
public final class BufferedSocketFactory extends SocketFactory {

    static final int BUFFER_BYTES = 64 * 1024;

    public BufferedSocketFactory() {
    }

    @Override
    public Socket createSocket() {
        return new BufferedSocket();
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port), null);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localAddress, int localPort) throws IOException {
        return connected(new InetSocketAddress(host, port), new InetSocketAddress(localAddress, localPort));
    }

    @Override
    public Socket createSocket(InetAddress address, int port) throws IOException {
        return connected(new InetSocketAddress(address, port), null);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return connected(new InetSocketAddress(address, port), new InetSocketAddress(localAddress, localPort));
    }

    private static Socket connected(InetSocketAddress remote, InetSocketAddress local) throws IOException {
        Socket s = new BufferedSocket();
        if (local != null) {
            s.bind(local);
        }
        s.connect(remote);
        return s;
    }

    private static final class BufferedSocket extends Socket {
        private InputStream input;

        @Override
        public synchronized InputStream getInputStream() throws IOException {
            if (input == null) {
                input = new BufferedInputStream(super.getInputStream(), BUFFER_BYTES);
            }
            return input;
        }
    }
}
