package io.livestore.benchmarks.peers;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A private {@code redis-server} on a free loopback port, for one benchmark trial: no
 * persistence ({@code --save '' --appendonly no}), started by {@link #start()}, stopped by
 * {@link #close()} (and by a shutdown hook if the JVM ends first).
 *
 * <p>It uses the {@code redis-server} on the {@code PATH} (Debian's package; {@code
 * benchmarks/run.sh} installs it when missing).
 */
public final class RedisServer implements AutoCloseable {

    private static final long START_TIMEOUT_MILLIS = 10_000;
    private static final String INSTALL_HINT =
            "redis-server not found on the PATH or in /usr/bin, /usr/sbin, /usr/local/bin: install it with "
                    + "'apt-get update && apt-get install -y redis-server' (benchmarks/run.sh does)";

    private final Process process;
    private final int port;
    private final Thread stopOnExit;

    private RedisServer(Process process, int port) {
        this.process = process;
        this.port = port;
        stopOnExit = new Thread(process::destroy, "redis-server-stop");
        Runtime.getRuntime().addShutdownHook(stopOnExit);
    }

    /**
     * Starts a server on a free loopback port and waits until it answers {@code PING}.
     *
     * @return the running server
     * @throws IllegalStateException if {@code redis-server} is not installed, or does not answer
     *         within 10 s (its output is in the message)
     */
    public static RedisServer start() {
        final Path executable = find();
        final int port = freePort();
        try {
            final Path log = Files.createTempFile("redis-server-" + port + "-", ".log");
            log.toFile().deleteOnExit();
            final List<String> command = new ArrayList<>(List.of(executable.toString(),
                    "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no", "--daemonize", "no",
                    "--protected-mode", "yes", "--dir", System.getProperty("java.io.tmpdir")));
            final Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            final RedisServer server = new RedisServer(process, port);
            server.awaitPong(log);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + executable, e);
        }
    }

    /** The port it listens on, on 127.0.0.1. */
    public int port() {
        return port;
    }

    /** Stops the server and waits for it to exit. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException shuttingDown) {
            // Called from another shutdown hook: the hook runs or has run anyway.
        }
    }

    private static Path find() {
        final List<String> dirs = new ArrayList<>();
        final String path = System.getenv("PATH");
        if (path != null) {
            dirs.addAll(List.of(path.split(File.pathSeparator)));
        }
        dirs.addAll(List.of("/usr/bin", "/usr/sbin", "/usr/local/bin"));
        for (String dir : dirs) {
            final Path candidate = Path.of(dir, "redis-server");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(INSTALL_HINT);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    private void awaitPong(Path log) throws IOException {
        final long deadline = System.currentTimeMillis() + START_TIMEOUT_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                break;
            }
            if (pong()) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        close();
        throw new IllegalStateException("redis-server on port " + port + " did not answer PING; its output:\n"
                + Files.readString(log));
    }

    private boolean pong() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            socket.setSoTimeout(500);
            final OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            final InputStream in = socket.getInputStream();
            final byte[] reply = new byte[7];
            final int n = in.readNBytes(reply, 0, reply.length);
            return new String(reply, 0, n, StandardCharsets.US_ASCII).startsWith("+PONG");
        } catch (IOException notYet) {
            // Not listening yet (connection refused): the caller retries until its deadline.
            return false;
        }
    }
}
