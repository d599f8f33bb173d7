package io.codex.dht.discv5.store;

import io.codex.dht.discv5.store.StoreException.Reason;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on a data directory: an OS file lock on its {@code lock} file, which also holds
 * the holder's pid for the refusal message.
 *
 * <p>Implementation notes: the lock is taken before anything else in the directory is read or
 * written, so two processes never both create a key file; MVStore's own lock on its file comes
 * later and says only "The file is locked", so it remains as a second layer. The OS releases the
 * lock when the process dies, even on {@code kill -9}, so a stale lock file never blocks a restart;
 * the file itself is left in place (deleting it would let a third process lock a different inode).
 * Within one JVM a second {@code tryLock} throws {@link OverlappingFileLockException}, across
 * processes it returns null; both become {@link Reason#DATA_DIR_IN_USE}.
 */
final class DataDirLock implements AutoCloseable {
  static final String FILE_NAME = "lock";

  private static final int MAX_PID_BYTES = 32;

  private final FileChannel channel;
  private final FileLock lock;

  private DataDirLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** Locks {@code dir}, which must exist, or fails at once with DATA_DIR_IN_USE. */
  static DataDirLock acquire(Path dir) throws StoreException {
    Path file = dir.resolve(FILE_NAME);
    FileChannel channel;
    try {
      channel =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new StoreException(
          Reason.BAD_DATA_DIR, "cannot open lock file " + file + ": " + e.getMessage(), e);
    }
    FileLock lock;
    boolean sameProcess = false;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
      sameProcess = true;
    } catch (IOException e) {
      closeQuietly(channel, e);
      throw new StoreException(
          Reason.BAD_DATA_DIR, "cannot lock " + file + ": " + e.getMessage(), e);
    }
    if (lock == null) {
      String holder = readPid(channel);
      closeQuietly(channel, null);
      throw new StoreException(
          Reason.DATA_DIR_IN_USE,
          sameProcess
              ? "data dir " + dir + " is already open in this process"
              : "data dir "
                  + dir
                  + " is in use by another process"
                  + (holder.isEmpty() ? "" : " (pid " + holder + ")")
                  + "; stop it, or give this node its own data dir");
    }
    try {
      byte[] pid = (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII);
      channel.truncate(0);
      channel.write(ByteBuffer.wrap(pid), 0);
    } catch (IOException e) {
      closeQuietly(channel, e);
      throw new StoreException(
          Reason.BAD_DATA_DIR, "cannot write lock file " + file + ": " + e.getMessage(), e);
    }
    return new DataDirLock(channel, lock);
  }

  /** Releases the lock; the lock file stays. */
  @Override
  public void close() throws IOException {
    try {
      lock.release();
    } finally {
      channel.close();
    }
  }

  private static String readPid(FileChannel channel) {
    ByteBuffer buffer = ByteBuffer.allocate(MAX_PID_BYTES);
    try {
      channel.read(buffer, 0);
    } catch (IOException e) {
      // The pid only decorates the message; without it the refusal is still clear.
      return "";
    }
    String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII);
    return text.strip().chars().allMatch(Character::isDigit) ? text.strip() : "";
  }

  private static void closeQuietly(FileChannel channel, Exception primary) {
    try {
      channel.close();
    } catch (IOException e) {
      // Closing a channel whose lock was not taken loses nothing; keep the cause if there is one.
      if (primary != null) {
        primary.addSuppressed(e);
      }
    }
  }
}
