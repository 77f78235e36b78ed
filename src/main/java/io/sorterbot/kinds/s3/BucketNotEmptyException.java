package io.sorterbot.kinds.s3;

/** A bucket that still holds objects may be emptied only when the file allowed it with {@code forceDestroy}. */
public final class BucketNotEmptyException extends RuntimeException {
  public BucketNotEmptyException(String bucket, Throwable cause) {
    super("bucket " + bucket + " is not empty; set forceDestroy: true to let sorterbot empty it", cause);
  }
}
