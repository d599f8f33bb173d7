package io.codex.dht.spr;

import io.codex.dht.spr.DecodeException.Reason;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Strict UTF-8 decoding: malformed input is an error, never a replacement character. */
final class Utf8 {
  private Utf8() {}

  static String decode(byte[] value, Reason reason) throws DecodeException {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(value))
          .toString();
    } catch (CharacterCodingException e) {
      throw new DecodeException(reason, "text is not valid UTF-8");
    }
  }
}
