package io.sorterbot.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The S3 state of the sandbox account, persisted by {@link SandboxAccount} under {@code services.s3.global}:
 * bucket names are one namespace shared by every region (and every account), so the state is global and
 * each bucket records its region.
 */
public final class S3State {
  /** Buckets of this account, by name. */
  public TreeMap<String, BucketRec> buckets = new TreeMap<>();
  /** Names that another AWS account owns (tests mark them): creating one answers {@code BucketAlreadyExists}. */
  public TreeSet<String> foreignBuckets = new TreeSet<>();

  public static final class BucketRec {
    public String name;
    public String region;
    /** ISO-8601 instant of creation, from the account's ticker. */
    public String createdAt;
    /** Null when the bucket has no tag set (GetBucketTagging answers {@code NoSuchTagSet}). */
    public LinkedHashMap<String, String> tags;
    /** The bucket policy as sent (JSON), or null. */
    public String policy;
    /** Null when the bucket has no CORS configuration. */
    public List<CorsRuleRec> cors;
    /** Null when the bucket has no public access block configuration. */
    public PublicAccessBlockRec publicAccessBlock;
    /** Null (never enabled), {@code Enabled} or {@code Suspended}. */
    public String versioning;
    /** Every version of every key, newest first; delete markers included. */
    public TreeMap<String, List<VersionRec>> objects = new TreeMap<>();
  }

  public static final class CorsRuleRec {
    public String id;
    public List<String> allowedHeaders = new ArrayList<>();
    public List<String> allowedMethods = new ArrayList<>();
    public List<String> allowedOrigins = new ArrayList<>();
    public List<String> exposeHeaders = new ArrayList<>();
    public Integer maxAgeSeconds;
  }

  public static final class PublicAccessBlockRec {
    public boolean blockPublicAcls;
    public boolean ignorePublicAcls;
    public boolean blockPublicPolicy;
    public boolean restrictPublicBuckets;
  }

  public static final class VersionRec {
    /** {@code null} (the string) for objects written while versioning was never enabled or suspended. */
    public String versionId;
    public boolean deleteMarker;
    public long size;
    public String eTag;
    public String lastModified;
  }
}
