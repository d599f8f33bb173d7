package io.codex.dht.discv5.store;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

/**
 * MVStore keys and values as raw byte arrays ({@code varint length || bytes}), keys ordered as
 * unsigned bytes.
 *
 * <p>Implementation notes: MVStore's own {@code ByteArrayDataType} cannot compare, so it cannot be
 * a key type, and {@code ObjectDataType} tags every value with a Java type and falls back to Java
 * serialization for unknown types; this keeps the file layout plain bytes that only this package
 * interprets.
 */
final class BytesType extends BasicDataType<byte[]> {
  static final BytesType INSTANCE = new BytesType();

  private static final int OVERHEAD = 24;

  private BytesType() {}

  @Override
  public int getMemory(byte[] data) {
    return OVERHEAD + data.length;
  }

  @Override
  public void write(WriteBuffer buff, byte[] data) {
    buff.putVarInt(data.length);
    buff.put(data);
  }

  @Override
  public byte[] read(ByteBuffer buff) {
    int size = DataUtils.readVarInt(buff);
    byte[] data = new byte[size];
    buff.get(data);
    return data;
  }

  @Override
  public int compare(byte[] a, byte[] b) {
    return Arrays.compareUnsigned(a, b);
  }

  @Override
  public byte[][] createStorage(int size) {
    return new byte[size][];
  }
}
