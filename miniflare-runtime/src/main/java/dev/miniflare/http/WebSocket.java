package dev.miniflare.http;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The end of a WebSocket that a worker handed out in a {@code 101} response ({@link Response#webSocket()}): what it
 * sends reaches the worker's end (the one it {@code accept()}ed), and what the worker sends arrives here.
 *
 * <pre>{@code
 * Response res = mf.dispatchFetch(Request.builder("http://localhost/chat").header("upgrade", "websocket").build());
 * WebSocket ws = res.webSocket();
 * ws.send("hi");
 * assertEquals("echo:hi", ws.receive(Duration.ofSeconds(5)).text());
 * ws.close(1000, "done");
 * WebSocket.Close close = ws.awaitClose(Duration.ofSeconds(5));   // the worker's answering close frame
 * }</pre>
 *
 * <p>Messages arriving before anyone reads them are queued ({@link #receive}); a {@link Listener} set with
 * {@link #listen} gets the queued ones first. The same object links a worker to the HTTP server's client, to
 * another worker (service bindings, Durable Object stubs) or to a test. Thread-safe.
 */
public final class WebSocket {
  /** Who receives what the worker's end sends: the HTTP server's connection, another isolate, a test. */
  public interface Listener {
    /** A text ({@link String}) or binary ({@code byte[]}) message. */
    void onMessage(Message message);

    /** The worker's end sent a close frame, or the link broke ({@code wasClean} false, code 1006). */
    void onClose(Close close);
  }

  /** Where what the holder of this end sends goes: the end of the worker that created the pair. */
  public interface Remote {
    /** Delivers a text or binary message to the worker's end. */
    void send(Message message);

    /** Delivers a close frame to the worker's end. */
    void close(Close close);
  }

  /** One message: text or binary. */
  public record Message(String text, byte[] bytes) {
    /** A text message. */
    public static Message ofText(String text) {
      return new Message(Objects.requireNonNull(text, "text"), null);
    }

    /** A binary message (not copied). */
    public static Message ofBytes(byte[] bytes) {
      return new Message(null, Objects.requireNonNull(bytes, "bytes"));
    }

    /** Whether this is a text message. */
    public boolean isText() {
      return text != null;
    }

    @Override
    public String toString() {
      return isText() ? "text:" + text : "binary:" + bytes.length + " bytes";
    }
  }

  /** A close frame: its code (1005 when none was given), reason, and whether the close was clean. */
  public record Close(int code, String reason, boolean wasClean) {}

  private final Remote remote;
  private final Object lock = new Object();
  private final List<Object> pending = new ArrayList<>(); // Messages and at most one Close, before a listener
  private final LinkedBlockingQueue<Message> received = new LinkedBlockingQueue<>();
  private final CompletableFuture<Close> closed = new CompletableFuture<>();
  private Listener listener;
  private boolean closeSent;

  private WebSocket(Remote remote) {
    this.remote = remote;
  }

  /**
   * A new end whose sends go to {@code remote}. Used by the runtime when a worker's {@code 101} response crosses to
   * Java; tests get these from {@link Response#webSocket()}.
   */
  public static WebSocket linkedTo(Remote remote) {
    return new WebSocket(Objects.requireNonNull(remote, "remote"));
  }

  /** Sends a text message to the worker. */
  public void send(String text) {
    sendMessage(Message.ofText(text));
  }

  /** Sends a binary message to the worker (the bytes are copied). */
  public void send(byte[] bytes) {
    sendMessage(Message.ofBytes(bytes.clone()));
  }

  /** Sends a message to the worker. */
  public void sendMessage(Message message) {
    synchronized (lock) {
      if (closeSent) {
        throw new IllegalStateException("Can't call WebSocket send() after close().");
      }
    }
    remote.send(message);
  }

  /** Sends a close frame with the code (1000, or 3000-4999) and reason; a second call does nothing. */
  public void close(int code, String reason) {
    synchronized (lock) {
      if (closeSent) {
        return;
      }
      closeSent = true;
    }
    remote.close(new Close(code, reason == null ? "" : reason, true));
  }

  /** Ends the link without a close frame: the worker's end gets an unclean close (code 1006). */
  public void disconnect() {
    synchronized (lock) {
      if (closeSent) {
        return;
      }
      closeSent = true;
    }
    remote.close(new Close(1006, "", false));
  }

  /** Sends a close frame with code 1000 and no reason. */
  public void close() {
    close(1000, "");
  }

  /**
   * Sets the receiver of what the worker sends; messages (and a close) that arrived before are handed to it first,
   * on this thread. Only one listener: {@link #receive} then sees nothing more.
   */
  public void listen(Listener newListener) {
    Objects.requireNonNull(newListener, "listener");
    List<Object> backlog;
    synchronized (lock) {
      if (listener != null) {
        throw new IllegalStateException("this WebSocket already has a listener");
      }
      listener = newListener;
      backlog = new ArrayList<>(pending);
      pending.clear();
      received.drainTo(new ArrayList<>()); // already in backlog
    }
    for (Object item : backlog) {
      if (item instanceof Message m) {
        newListener.onMessage(m);
      } else {
        newListener.onClose((Close) item);
      }
    }
  }

  /** The next message the worker sent, waiting up to {@code timeout}. */
  public Message receive(Duration timeout) {
    try {
      Message m = received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (m == null) {
        throw new IllegalStateException("no WebSocket message within " + timeout.toMillis() + " ms"
            + (closed.isDone() ? " (the worker closed the socket: " + closed.getNow(null) + ")" : ""));
      }
      synchronized (lock) {
        pending.remove(m);
      }
      return m;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a WebSocket message", e);
    }
  }

  /** Completes with the worker's close frame (or an unclean close when the link broke). */
  public CompletableFuture<Close> closed() {
    return closed;
  }

  /** Waits up to {@code timeout} for the worker's close frame. */
  public Close awaitClose(Duration timeout) {
    try {
      return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new IllegalStateException("the WebSocket was not closed within " + timeout.toMillis() + " ms", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a WebSocket close", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  /** Called for the worker's end: a message it sent. */
  public void deliverMessage(Message message) {
    Listener l;
    synchronized (lock) {
      l = listener;
      if (l == null) {
        pending.add(message);
        received.add(message);
        return;
      }
    }
    l.onMessage(message);
  }

  /** Called for the worker's end: its close frame, or a broken link. Only the first close counts. */
  public void deliverClose(Close close) {
    Listener l;
    synchronized (lock) {
      if (closed.isDone()) {
        return;
      }
      l = listener;
      if (l == null) {
        pending.add(close);
      }
    }
    closed.complete(close);
    if (l != null) {
      l.onClose(close);
    }
  }

  @Override
  public String toString() {
    return "WebSocket[" + (closed.isDone() ? "closed by worker " + closed.getNow(null) : "open") + "]";
  }
}
