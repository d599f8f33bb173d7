package io.codex.dht.discv5.records;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.codex.dht.discv5.records.pb.GetAnswer;
import io.codex.dht.discv5.records.pb.GetValue;
import io.codex.dht.discv5.records.pb.PutAnswer;
import io.codex.dht.discv5.records.pb.PutValue;
import io.codex.dht.discv5.records.pb.ValueRequest;
import io.codex.dht.discv5.records.pb.ValueResponse;

/**
 * The TALKREQ protocol {@value #ID}: requests {@code ValueRequest{1: PutValue{1: record} | 2:
 * GetValue{1: key}}}, responses {@code ValueResponse{1: PutAnswer{1: accepted, 2: reason} | 2:
 * GetAnswer{1: record}}}; an empty TALKRESP (a node without the protocol) means "no value, not
 * stored". Sizes are checked on the raw bytes before parsing. Pure functions.
 */
public final class ValuesProtocol {
  /** The TALKREQ protocol id. */
  public static final String ID = "/codex-dht/values/1";

  /** The largest request: a PUT of the largest record with its framing. */
  public static final int MAX_REQUEST = ValueRecord.MAX_SIZE + 16;

  /** The largest response: a GET answer with the largest record. */
  public static final int MAX_RESPONSE = ValueRecord.MAX_SIZE + 16;

  private ValuesProtocol() {}

  /** A PUT request. */
  public static byte[] put(ValueRecord record) {
    return ValueRequest.newBuilder()
        .setPut(PutValue.newBuilder().setRecord(ByteString.copyFrom(record.encodedUnsafe())))
        .build()
        .toByteArray();
  }

  /** A GET request. */
  public static byte[] get(RecordKey key) {
    return ValueRequest.newBuilder()
        .setGet(GetValue.newBuilder().setKey(key.text()))
        .build()
        .toByteArray();
  }

  /** A PUT answer. */
  public static byte[] putAnswer(boolean accepted, String reason) {
    return ValueResponse.newBuilder()
        .setPut(PutAnswer.newBuilder().setAccepted(accepted).setReason(reason))
        .build()
        .toByteArray();
  }

  /** A GET answer; {@code record} null for none. */
  public static byte[] getAnswer(ValueRecord record) {
    GetAnswer.Builder a = GetAnswer.newBuilder();
    if (record != null) {
      a.setRecord(ByteString.copyFrom(record.encodedUnsafe()));
    }
    return ValueResponse.newBuilder().setGet(a).build().toByteArray();
  }

  /** A GET answer carrying raw bytes (the amplification test's negative control). */
  static byte[] getAnswerBytes(byte[] raw) {
    return ValueResponse.newBuilder()
        .setGet(GetAnswer.newBuilder().setRecord(ByteString.copyFrom(raw)))
        .build()
        .toByteArray();
  }

  /** Parses a request. */
  static ValueRequest request(byte[] bytes) throws InvalidRecordException {
    if (bytes.length > MAX_REQUEST) {
      throw new InvalidRecordException(
          Rejection.Reason.TOO_LARGE, "request of " + bytes.length + " bytes");
    }
    try {
      ValueRequest r = ValueRequest.parseFrom(bytes);
      if (r.getKindCase() == ValueRequest.KindCase.KIND_NOT_SET) {
        throw new InvalidRecordException(Rejection.Reason.MALFORMED, "request of no kind");
      }
      return r;
    } catch (InvalidProtocolBufferException e) {
      throw new InvalidRecordException(Rejection.Reason.MALFORMED, "not a request");
    }
  }

  /** Parses a response; an empty one reads as an empty GET answer or a refused PUT. */
  static ValueResponse response(byte[] bytes) throws InvalidRecordException {
    if (bytes.length > MAX_RESPONSE) {
      throw new InvalidRecordException(
          Rejection.Reason.TOO_LARGE, "response of " + bytes.length + " bytes");
    }
    try {
      return ValueResponse.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new InvalidRecordException(Rejection.Reason.MALFORMED, "not a response");
    }
  }
}
