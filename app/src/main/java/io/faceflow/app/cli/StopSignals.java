package io.faceflow.app.cli;

import io.faceflow.core.lifecycle.UseGate;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGINT and SIGTERM for a long-running command, handled before the JVM's shutdown begins.
 *
 * <p>Why not a shutdown hook: hooks run at once and in no order, and ONNX Runtime registers one
 * that frees its native environment. A stop running in a hook of ours raced it, and a forward
 * pass still running when that hook ran crashed the JVM (SIGSEGV instead of exit 130). Here a
 * signal only asks the command to stop; the command's own thread closes everything, and only
 * then does the process exit (with 128 + the signal number) and the hooks run, with no pass left.
 *
 * <p>A second signal during the stop exits at once. A stop that outlives its bound exits with
 * {@link ExitCodes#STOP_OVERRUN} without freeing anything still in use, saying what it waited for.
 */
public final class StopSignals implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StopSignals.class);
    private static final String[] SIGNALS = {"INT", "TERM"};

    private final CountDownLatch requested = new CountDownLatch(1);
    private final Map<Signal, SignalHandler> previous = new HashMap<>();
    private final String what;
    private final Duration bound;
    private final Runnable onRequest;
    private volatile int signalNumber;

    private StopSignals(String what, Duration bound, Runnable onRequest) {
        this.what = what;
        this.bound = bound;
        this.onRequest = onRequest;
    }

    /**
     * Handles SIGINT and SIGTERM until closed. On the first one {@code onRequest} runs (it should only
     * ask for the stop), and a watchdog gives the command {@code bound} to finish stopping and exit.
     *
     * @param what the service, as the overrun message names it
     */
    public static StopSignals install(String what, Duration bound, Runnable onRequest) {
        StopSignals signals = new StopSignals(what, bound, onRequest);
        for (String name : SIGNALS) {
            Signal signal = new Signal(name);
            try {
                signals.previous.put(signal, Signal.handle(signal, signals::received));
            } catch (IllegalArgumentException ignoredByParent) {
                // A process started with the signal ignored (a background job without job control) keeps ignoring it.
                LOG.debug("SIG{} is ignored in this process: {}", name, ignoredByParent.getMessage());
            }
        }
        return signals;
    }

    /** Handles SIGINT and SIGTERM until closed; the command waits for one with {@link #await()}. */
    public static StopSignals install(String what, Duration bound) {
        return install(what, bound, () -> {});
    }

    private void received(Signal signal) {
        if (requested.getCount() == 0) {
            System.err.println("faceflow: second " + signal.getName() + " signal: exiting now, without waiting for the"
                    + " stop to finish");
            Runtime.getRuntime().halt(128 + signal.getNumber());
        }
        signalNumber = signal.getNumber();
        requested.countDown();
        Thread.ofPlatform().daemon().name("faceflow-stop-watchdog").start(() -> {
            try {
                Thread.sleep(bound);
            } catch (InterruptedException e) {
                return;
            }
            overrun(what, "did not stop within " + bound.toSeconds() + " s of the " + signal.getName() + " signal");
        });
        onRequest.run();
    }

    /** Waits until a signal asks for the stop. */
    public void await() throws InterruptedException {
        requested.await();
    }

    /** Waits up to {@code timeout} for a signal; true when one came. */
    public boolean await(Duration timeout) throws InterruptedException {
        return requested.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean requested() {
        return requested.getCount() == 0;
    }

    /** 128 + the signal's number once one came (130 for Ctrl-C, 143 for SIGTERM), else {@code otherwise}. */
    public int exitCode(int otherwise) {
        return requested() ? 128 + signalNumber : otherwise;
    }

    /**
     * Runs {@code stop} (closing what {@code what} names) within {@code bound}. When it overruns, or
     * some close in it had to leave a resource in use unfreed, the process exits here with
     * {@link ExitCodes#STOP_OVERRUN}: halting skips the shutdown hooks that would free native memory
     * under a call still running.
     */
    public static void stopWithin(String what, Duration bound, Runnable stop) {
        int overrunsBefore = UseGate.overruns();
        Thread stopper = Thread.ofPlatform().name("faceflow-stop").start(stop);
        try {
            stopper.join(bound);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (stopper.isAlive()) {
            overrun(what, "did not stop within " + bound.toSeconds() + " s");
        }
        haltIfLeftInUse(what, overrunsBefore);
    }

    /**
     * Exits with {@link ExitCodes#STOP_OVERRUN} when a close since {@code overrunsBefore} had to
     * leave a resource in use unfreed: the shutdown hooks of a normal exit would free it under its user.
     */
    public static void haltIfLeftInUse(String what, int overrunsBefore) {
        if (UseGate.overruns() > overrunsBefore) {
            overrun(what, "stopped, but had to leave resources still in use (see the log above)");
        }
    }

    private static void overrun(String what, String why) {
        LOG.error("{} {}; exiting with code {} without freeing what is still in use", what, why, ExitCodes.STOP_OVERRUN);
        System.err.println("faceflow: " + what + " " + why + "; exiting with code " + ExitCodes.STOP_OVERRUN);
        System.err.flush();
        Runtime.getRuntime().halt(ExitCodes.STOP_OVERRUN);
    }

    /** Gives the signals back to the JVM's own handling (tests run commands in one JVM). */
    @Override
    public void close() {
        previous.forEach(Signal::handle);
        previous.clear();
    }
}
