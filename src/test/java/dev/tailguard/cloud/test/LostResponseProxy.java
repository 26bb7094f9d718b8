package dev.tailguard.cloud.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on loopback in front of an HTTP server that loses the response to the first requests carrying a given
 * header: the request reaches the server whole, the server acts on it, and the client sees its connection closed
 * instead of the answer (what a dropped connection or a restarted load balancer does). Everything else passes
 * through unchanged.
 */
public final class LostResponseProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final InetSocketAddress upstream;
    private final String header;
    private final AtomicInteger toLose;
    private final AtomicInteger lost = new AtomicInteger();
    private final AtomicBoolean open = new AtomicBoolean(true);

    /**
     * Starts the proxy.
     *
     * @param upstream the server's base URI (http, loopback)
     * @param header   a request header name; requests carrying it are the ones whose responses are lost
     * @param count    how many such responses to lose, in arrival order
     */
    public LostResponseProxy(URI upstream, String header, int count) throws IOException {
        this.upstream = new InetSocketAddress(upstream.getHost(), upstream.getPort());
        this.header = "\r\n" + header.toLowerCase(Locale.ROOT) + ":";
        this.toLose = new AtomicInteger(count);
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::acceptLoop, "lost-response-proxy");
        accept.setDaemon(true);
        accept.start();
    }

    /** The proxy's base URI. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + listener.getLocalPort());
    }

    /** How many responses the proxy has lost so far. */
    public int lost() {
        return lost.get();
    }

    private void acceptLoop() {
        while (open.get()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(upstream.getAddress(), upstream.getPort());
                AtomicBoolean armed = new AtomicBoolean();
                start(() -> requests(client, server, armed));
                start(() -> responses(server, client, armed));
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void start(Runnable r) {
        Thread t = new Thread(r, "lost-response-pump");
        t.setDaemon(true);
        t.start();
    }

    /** Client to server, watching for the header: once seen (and a loss is left), the next response is lost. */
    private void requests(Socket client, Socket server, AtomicBoolean armed) {
        String tail = "";
        try (InputStream in = client.getInputStream(); OutputStream out = server.getOutputStream()) {
            byte[] buf = new byte[8192];
            for (int n; (n = in.read(buf)) > 0;) {
                String seen = tail + new String(buf, 0, n, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
                if (seen.contains(header) && !armed.get() && toLose.getAndDecrement() > 0) {
                    armed.set(true);
                }
                tail = seen.substring(Math.max(0, seen.length() - header.length()));
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException closed) {
            // either side went away
        } finally {
            closeQuietly(client, server);
        }
    }

    /** Server to client; when armed, the response is read from the server and both connections are closed. */
    private void responses(Socket server, Socket client, AtomicBoolean armed) {
        try (InputStream in = server.getInputStream(); OutputStream out = client.getOutputStream()) {
            byte[] buf = new byte[8192];
            for (int n; (n = in.read(buf)) > 0;) {
                if (armed.get()) {
                    lost.incrementAndGet();
                    return;
                }
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException closed) {
            // either side went away
        } finally {
            closeQuietly(client, server);
        }
    }

    private static void closeQuietly(Socket... sockets) {
        for (Socket s : sockets) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    @Override
    public void close() throws IOException {
        open.set(false);
        listener.close();
    }
}
