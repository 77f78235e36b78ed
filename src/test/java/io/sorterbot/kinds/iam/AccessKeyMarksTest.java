package io.sorterbot.kinds.iam;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;

/** The internal tags of an iam.user's access key: what they say, and what they never let be deleted. */
class AccessKeyMarksTest {
  private static final Instant T = Instant.parse("2025-01-01T10:00:00.123Z");

  private static AccessKeyMetadata key(String id, Instant created) {
    return AccessKeyMetadata.builder().accessKeyId(id).createDate(created).build();
  }

  @Test
  void thePendingMarkIsAValidIamTagValueAndReadsBack() {
    String value = AccessKeyMarks.pendingValue(T, List.of("AKIAAAAAAAAAAAAAAAAA", "AKIABBBBBBBBBBBBBBBB"));
    assertThat(value).isEqualTo("2025-01-01T10:00:00Z AKIAAAAAAAAAAAAAAAAA AKIABBBBBBBBBBBBBBBB");
    // IAM: up to 256 characters of letters, digits, spaces and _ . : / = + - @
    assertThat(value).hasSizeLessThanOrEqualTo(256).matches("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");
    AccessKeyMarks m = AccessKeyMarks.of(Map.of(AccessKeyMarks.PENDING_TAG, value));
    assertThat(m).isEqualTo(AccessKeyMarks.begun(T, List.of("AKIAAAAAAAAAAAAAAAAA", "AKIABBBBBBBBBBBBBBBB")));
  }

  @Test
  void onlyAKeyNewToTheMarkAndMadeWithinTheWindowIsAnOrphan() {
    AccessKeyMarks m = AccessKeyMarks.of(Map.of(AccessKeyMarks.PENDING_TAG, "2025-01-01T10:00:00Z AKIAKNOWN",
        AccessKeyMarks.RECORDED_TAG, "AKIARECORDED"));
    assertThat(m.orphan(key("AKIANEW", T.plusSeconds(2)))).isTrue();
    // IAM's clock may be behind ours: "before the mark" is no proof of anything, the known list is
    assertThat(m.orphan(key("AKIANEW", T.minusSeconds(30)))).isTrue();
    assertThat(m.orphan(key("AKIAKNOWN", T.plusSeconds(2)))).isFalse();
    assertThat(m.orphan(key("AKIARECORDED", T.plusSeconds(2)))).isFalse();
    assertThat(m.orphan(key("AKIALATER", T.plus(AccessKeyMarks.ISSUE_WINDOW)))).isFalse();
    assertThat(m.orphan(key("AKIANODATE", null))).isFalse();
  }

  @Test
  void withoutAReadableMarkNothingIsAnOrphan() {
    assertThat(AccessKeyMarks.of(Map.of()).orphan(key("AKIANEW", T))).isFalse();
    AccessKeyMarks garbled = AccessKeyMarks.of(Map.of(AccessKeyMarks.PENDING_TAG, "yesterday"));
    assertThat(garbled.pending()).isTrue();
    assertThat(garbled.orphan(key("AKIANEW", T))).isFalse();
  }

  @Test
  void hasKeyMeansTheRecordedKeyWithNothingUnfinishedOrAnyKeyWithoutMarks() {
    assertThat(AccessKeyMarks.of(Map.of()).hasKey(List.of("AKIAHAND"))).isTrue();
    assertThat(AccessKeyMarks.of(Map.of()).hasKey(List.of())).isFalse();
    Map<String, String> recorded = Map.of(AccessKeyMarks.RECORDED_TAG, "AKIAMINE");
    assertThat(AccessKeyMarks.of(recorded).hasKey(List.of("AKIAMINE"))).isTrue();
    assertThat(AccessKeyMarks.of(recorded).hasKey(List.of("AKIAHAND"))).isFalse();
    assertThat(AccessKeyMarks.of(Map.of(AccessKeyMarks.RECORDED_TAG, "AKIAMINE", AccessKeyMarks.PENDING_TAG,
        "2025-01-01T10:00:00Z")).hasKey(List.of("AKIAMINE"))).isFalse();
  }

  @Test
  void theMarksAreNotTagsTheEngineSees() {
    assertThat(AccessKeyMarks.without(Map.of("SBID", "U", "Name", "n", AccessKeyMarks.RECORDED_TAG, "AKIA",
        AccessKeyMarks.PENDING_TAG, "x"))).containsOnlyKeys("SBID", "Name");
  }
}
