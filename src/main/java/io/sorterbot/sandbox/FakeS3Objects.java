package io.sorterbot.sandbox;

import static io.sorterbot.sandbox.FakeS3Support.error;
import static io.sorterbot.sandbox.FakeS3Support.malformedXml;

import io.sorterbot.sandbox.S3State.BucketRec;
import io.sorterbot.sandbox.S3State.VersionRec;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.s3.model.*;

/**
 * Objects of the S3 fake, with versioning as S3 documents it: an unversioned bucket keeps one version
 * whose id is the string {@code null}; an enabled one adds a version per write and a delete marker per
 * delete without a version id; a suspended one writes and deletes the {@code null} version only.
 */
final class FakeS3Objects {
  static final String NULL_VERSION = "null";
  private static final int MAX_KEYS = 1000;

  private final FakeS3Support s;

  FakeS3Objects(FakeS3Support s) { this.s = s; }

  PutObjectResponse put(PutObjectRequest r, byte[] body) {
    BucketRec b = s.bucket(r.bucket(), false);
    if (r.key() == null || r.key().isEmpty()) throw error(400, "InvalidArgument", "A key must be specified");
    VersionRec v = new VersionRec();
    v.size = body.length;
    v.eTag = "\"" + md5(body) + "\"";
    v.lastModified = s.now();
    v.versionId = add(b, r.key(), v);
    var out = PutObjectResponse.builder().eTag(v.eTag).size(v.size);
    if (b.versioning != null) out.versionId(v.versionId);
    return out.build();
  }

  /** Adds {@code v} as the newest version of {@code key}; returns its version id. */
  private String add(BucketRec b, String key, VersionRec v) {
    List<VersionRec> versions = b.objects.computeIfAbsent(key, k -> new ArrayList<>());
    if ("Enabled".equals(b.versioning)) {
      v.versionId = String.format("%032x", s.account.nextSequence());
    } else {
      v.versionId = NULL_VERSION;
      versions.removeIf(x -> NULL_VERSION.equals(x.versionId));
    }
    versions.add(0, v);
    return v.versionId;
  }

  ListObjectsV2Response listV2(ListObjectsV2Request r) {
    BucketRec b = s.bucket(r.bucket(), true);
    if (r.delimiter() != null) throw new UnsupportedOperationException("the sandbox does not simulate delimiters");
    int max = maxKeys(r.maxKeys());
    String after = r.continuationToken() != null ? r.continuationToken() : r.startAfter();
    List<S3Object> out = new ArrayList<>();
    String next = null;
    for (Map.Entry<String, List<VersionRec>> e : b.objects.entrySet()) {
      VersionRec latest = e.getValue().get(0);
      if (latest.deleteMarker || !matches(e.getKey(), r.prefix(), after)) continue;
      if (out.size() == max) {
        next = out.isEmpty() ? null : out.get(out.size() - 1).key();
        break;
      }
      out.add(S3Object.builder().key(e.getKey()).size(latest.size).eTag(latest.eTag)
          .lastModified(Instant.parse(latest.lastModified)).storageClass(ObjectStorageClass.STANDARD).build());
    }
    return ListObjectsV2Response.builder().name(b.name).prefix(r.prefix()).maxKeys(max).keyCount(out.size())
        .contents(out).isTruncated(next != null).continuationToken(r.continuationToken())
        .nextContinuationToken(next).startAfter(r.startAfter()).build();
  }

  /** Keys in order, each key's versions newest first; versions and delete markers share maxKeys. */
  ListObjectVersionsResponse listVersions(ListObjectVersionsRequest r) {
    BucketRec b = s.bucket(r.bucket(), true);
    if (r.delimiter() != null) throw new UnsupportedOperationException("the sandbox does not simulate delimiters");
    if (r.versionIdMarker() != null && r.keyMarker() == null) {
      throw error(400, "InvalidArgument", "A version-id marker cannot be specified without a key marker.");
    }
    int max = maxKeys(r.maxKeys());
    List<ObjectVersion> versions = new ArrayList<>();
    List<DeleteMarkerEntry> markers = new ArrayList<>();
    String nextKey = null;
    String nextVersion = null;
    int count = 0;
    outer:
    for (Map.Entry<String, List<VersionRec>> e : b.objects.entrySet()) {
      String key = e.getKey();
      if (r.prefix() != null && !key.startsWith(r.prefix())) continue;
      if (r.keyMarker() != null && key.compareTo(r.keyMarker()) < 0) continue;
      List<VersionRec> list = e.getValue();
      int from = 0;
      if (key.equals(r.keyMarker())) {
        if (r.versionIdMarker() == null) continue;
        from = indexOf(list, r.versionIdMarker()) + 1;
      }
      for (int i = from; i < list.size(); i++) {
        if (count == max) break outer;
        VersionRec v = list.get(i);
        Instant at = Instant.parse(v.lastModified);
        if (v.deleteMarker) {
          markers.add(DeleteMarkerEntry.builder().key(key).versionId(v.versionId).isLatest(i == 0).lastModified(at).build());
        } else {
          versions.add(ObjectVersion.builder().key(key).versionId(v.versionId).isLatest(i == 0).lastModified(at)
              .size(v.size).eTag(v.eTag).storageClass(ObjectVersionStorageClass.STANDARD).build());
        }
        count++;
        nextKey = key;
        nextVersion = v.versionId;
      }
    }
    boolean truncated = count == max && nextKey != null && hasMoreAfter(b, r.prefix(), nextKey, nextVersion);
    return ListObjectVersionsResponse.builder().name(b.name).prefix(r.prefix()).maxKeys(max)
        .keyMarker(r.keyMarker()).versionIdMarker(r.versionIdMarker()).versions(versions).deleteMarkers(markers)
        .isTruncated(truncated).nextKeyMarker(truncated ? nextKey : null)
        .nextVersionIdMarker(truncated ? nextVersion : null).build();
  }

  private static boolean hasMoreAfter(BucketRec b, String prefix, String key, String versionId) {
    List<VersionRec> list = b.objects.get(key);
    if (indexOf(list, versionId) + 1 < list.size()) return true;
    return b.objects.tailMap(key, false).keySet().stream().anyMatch(k -> prefix == null || k.startsWith(prefix));
  }

  /** Quiet mode lists only failures; a missing key or version counts as deleted, as in S3. */
  DeleteObjectsResponse deleteObjects(DeleteObjectsRequest r) {
    BucketRec b = s.bucket(r.bucket(), false);
    Delete d = r.delete();
    if (d == null || !d.hasObjects() || d.objects().isEmpty() || d.objects().size() > MAX_KEYS) throw malformedXml();
    List<DeletedObject> deleted = new ArrayList<>();
    for (ObjectIdentifier id : d.objects()) deleted.add(deleteOne(b, id.key(), id.versionId()));
    var out = DeleteObjectsResponse.builder();
    if (!Boolean.TRUE.equals(d.quiet())) out.deleted(deleted);
    return out.build();
  }

  private DeletedObject deleteOne(BucketRec b, String key, String versionId) {
    List<VersionRec> list = b.objects.get(key);
    if (versionId != null) {
      boolean marker = false;
      if (list != null) {
        int i = indexOf(list, versionId);
        if (i >= 0) marker = list.remove(i).deleteMarker;
        if (list.isEmpty()) b.objects.remove(key);
      }
      var out = DeletedObject.builder().key(key).versionId(versionId);
      if (marker) out.deleteMarker(true).deleteMarkerVersionId(versionId);
      return out.build();
    }
    if (b.versioning == null) {
      b.objects.remove(key);
      return DeletedObject.builder().key(key).build();
    }
    VersionRec m = new VersionRec();
    m.deleteMarker = true;
    m.lastModified = s.now();
    String markerId = add(b, key, m);
    return DeletedObject.builder().key(key).deleteMarker(true).deleteMarkerVersionId(markerId).build();
  }

  private static int indexOf(List<VersionRec> list, String versionId) {
    if (list == null) return -1;
    for (int i = 0; i < list.size(); i++) if (list.get(i).versionId.equals(versionId)) return i;
    return -1;
  }

  private static boolean matches(String key, String prefix, String after) {
    return (prefix == null || key.startsWith(prefix)) && (after == null || key.compareTo(after) > 0);
  }

  private static int maxKeys(Integer requested) {
    if (requested == null) return MAX_KEYS;
    if (requested < 0) throw error(400, "InvalidArgument", "max-keys cannot be negative");
    return Math.min(requested, MAX_KEYS);
  }

  private static String md5(byte[] body) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(body));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
