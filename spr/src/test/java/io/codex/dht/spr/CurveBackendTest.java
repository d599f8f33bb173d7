package io.codex.dht.spr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codex.dht.spr.CurveBackend.Choice;
import io.codex.dht.spr.CurveBackend.Selection;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/** The choice of backend: auto falls back, native forced fails clearly, the process keeps one. */
class CurveBackendTest {
  private static final Callable<Curve> FAILING =
      () -> {
        throw new UnsatisfiedLinkError("no libsecp256k1-jni in java.library.path");
      };

  @Test
  void autoUsesTheNativeLibraryWhenItLoads() {
    Selection s = CurveBackend.resolve(Choice.AUTO, NativeCurve::load);
    assertEquals("native", s.curve().name());
    assertEquals("", s.fallbackReason());
  }

  @Test
  void autoFallsBackToBouncyCastleAndSaysWhy() {
    Selection s = CurveBackend.resolve(Choice.AUTO, FAILING);
    assertEquals("bouncycastle", s.curve().name());
    assertTrue(s.fallbackReason().contains("no libsecp256k1-jni"), s.fallbackReason());
  }

  @Test
  void nativeForcedFailsWhenTheLibraryDoesNotLoad() {
    CurveBackend.UnavailableException e =
        assertThrows(
            CurveBackend.UnavailableException.class,
            () -> CurveBackend.resolve(Choice.NATIVE, FAILING));
    assertTrue(e.getMessage().contains("native was required"), e.getMessage());
    assertTrue(e.getMessage().contains("no libsecp256k1-jni"), e.getMessage());
  }

  @Test
  void bouncyCastleForcedNeverTouchesTheNativeLibrary() {
    Selection s = CurveBackend.resolve(Choice.BOUNCYCASTLE, FAILING);
    assertEquals("bouncycastle", s.curve().name());
  }

  @Test
  void theTestOnlySwitchMakesTheLoadFail() {
    System.setProperty(CurveBackend.FAIL_NATIVE_LOAD_PROPERTY, "true");
    try {
      Selection s = CurveBackend.resolve(Choice.AUTO, CurveBackend::loadNative);
      assertEquals("bouncycastle", s.curve().name());
      assertTrue(s.fallbackReason().contains("simulated"), s.fallbackReason());
    } finally {
      System.clearProperty(CurveBackend.FAIL_NATIVE_LOAD_PROPERTY);
    }
  }

  @Test
  void theProcessKeepsTheBackendTheBuildAskedFor() {
    String asked = System.getProperty(CurveBackend.PROPERTY, "auto");
    String active = CurveBackend.active();
    if (!asked.equals("auto")) {
      assertEquals(asked, active);
    }
    assertEquals(active, CurveBackend.select(Choice.AUTO));
    assertEquals(active, CurveBackend.select(Choice.parse(active)));
    Choice other = active.equals("native") ? Choice.BOUNCYCASTLE : Choice.NATIVE;
    assertThrows(IllegalStateException.class, () -> CurveBackend.select(other));
    assertEquals(active, CurveBackend.active());
  }

  @Test
  void choicesParse() {
    assertEquals(Choice.NATIVE, Choice.parse(" Native "));
    assertEquals(Choice.BOUNCYCASTLE, Choice.parse("bouncycastle"));
    assertEquals(Choice.AUTO, Choice.parse("auto"));
    assertThrows(IllegalArgumentException.class, () -> Choice.parse("openssl"));
  }
}
