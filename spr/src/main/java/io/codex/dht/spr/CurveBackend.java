package io.codex.dht.spr;

import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * The process-wide choice of secp256k1 implementation: libsecp256k1 ({@code native}) or
 * BouncyCastle ({@code bouncycastle}). It is made once, by the first {@link #select} or by the
 * first key operation (which reads the system property {@value #PROPERTY}, default {@code auto}),
 * and never changes; every node of the process shares it.
 */
public final class CurveBackend {
  /**
   * The system property library users set to choose: {@code auto}, {@code native}, {@code
   * bouncycastle}.
   */
  public static final String PROPERTY = "codex.dht.crypto";

  /**
   * Test-only: when {@code true}, loading the native library fails as it would on a platform
   * without it.
   */
  public static final String FAIL_NATIVE_LOAD_PROPERTY = "codex.dht.crypto.failNativeLoadForTests";

  /** What a user may ask for. */
  public enum Choice {
    /** libsecp256k1 when it loads, else BouncyCastle (the default). */
    AUTO,
    /** libsecp256k1, or fail. */
    NATIVE,
    /** BouncyCastle's pure-Java curve. */
    BOUNCYCASTLE;

    /** Parses {@code auto}, {@code native} or {@code bouncycastle} (any case). */
    public static Choice parse(String text) {
      String t = text.strip().toLowerCase(Locale.ROOT);
      return switch (t) {
        case "auto" -> AUTO;
        case "native" -> NATIVE;
        case "bouncycastle", "bc" -> BOUNCYCASTLE;
        default ->
            throw new IllegalArgumentException(
                "crypto backend '" + text + "': expected auto, native or bouncycastle");
      };
    }

    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Thrown when {@code native} is required and libsecp256k1 cannot be loaded. */
  public static final class UnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnavailableException(String message) {
      super(message);
    }
  }

  /** The outcome of a selection: the backend in use and, for a fallback, why. */
  record Selection(Choice choice, Curve curve, String fallbackReason) {}

  private CurveBackend() {}

  /**
   * Makes the process-wide choice, or checks it against the one already made; returns the name of
   * the backend in use ({@code native} or {@code bouncycastle}).
   *
   * @throws UnavailableException if {@code native} is required and cannot be loaded
   * @throws IllegalStateException if another backend was already chosen for this process
   */
  public static String select(Choice choice) {
    Objects.requireNonNull(choice);
    Selection s = Holder.select(choice);
    if (choice != Choice.AUTO && !s.curve().name().equals(choice.toString())) {
      throw new IllegalStateException(
          "crypto backend " + s.curve().name() + " is already in use; cannot switch to " + choice);
    }
    return s.curve().name();
  }

  /** The name of the backend in use, making the choice from the system property if not yet made. */
  public static String active() {
    return curve().name();
  }

  /** Why {@code auto} fell back to BouncyCastle, or the empty string. */
  public static String fallbackReason() {
    return Holder.selection(null).fallbackReason();
  }

  /** A one-line description for start-up logs: {@code native} or {@code bouncycastle (why)}. */
  public static String describe() {
    Selection s = Holder.selection(null);
    return s.fallbackReason().isEmpty()
        ? s.curve().name()
        : s.curve().name() + " (" + s.fallbackReason() + ")";
  }

  static Curve curve() {
    return Holder.selection(null).curve();
  }

  /** Resolves a choice with a given loader for the native library (tests pass failing ones). */
  static Selection resolve(Choice choice, Callable<Curve> nativeLoader) {
    if (choice == Choice.BOUNCYCASTLE) {
      return new Selection(choice, new BouncyCastleCurve(), "");
    }
    String failure;
    try {
      return new Selection(choice, nativeLoader.call(), "");
    } catch (Exception | LinkageError e) {
      failure = "libsecp256k1 did not load: " + e;
    }
    if (choice == Choice.NATIVE) {
      throw new UnavailableException(
          "crypto backend native was required but "
              + failure
              + "; use --crypto bouncycastle (or auto) on this platform");
    }
    System.getLogger(CurveBackend.class.getName())
        .log(System.Logger.Level.INFO, "secp256k1: using BouncyCastle because " + failure);
    return new Selection(choice, new BouncyCastleCurve(), failure);
  }

  static Curve loadNative() throws Exception {
    if (Boolean.getBoolean(FAIL_NATIVE_LOAD_PROPERTY)) {
      throw new UnsatisfiedLinkError("load failure simulated by " + FAIL_NATIVE_LOAD_PROPERTY);
    }
    return NativeCurve.load();
  }

  /** The one selection of the process, made under a lock the first time it is needed. */
  private static final class Holder {
    private static final Object LOCK = new Object();
    private static volatile Selection selection;

    static Selection select(Choice choice) {
      return selection(choice);
    }

    static Selection selection(Choice requested) {
      Selection s = selection;
      if (s != null) {
        return s;
      }
      synchronized (LOCK) {
        if (selection == null) {
          Choice choice =
              requested != null
                  ? requested
                  : Choice.parse(System.getProperty(PROPERTY, Choice.AUTO.toString()));
          selection = resolve(choice, CurveBackend::loadNative);
        }
        return selection;
      }
    }
  }
}
