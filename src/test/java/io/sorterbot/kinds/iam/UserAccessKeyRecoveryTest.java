package io.sorterbot.kinds.iam;

import static io.sorterbot.kinds.iam.IamTestSupport.desired;
import static io.sorterbot.kinds.iam.IamTestSupport.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sorterbot.model.Desired;
import io.sorterbot.model.LiveResource;
import io.sorterbot.model.PropertyChange;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;

/**
 * {@code iam.user} access keys across a process killed mid-issue, against the sandbox. A crash is the state
 * it leaves, made with the client: the pending mark set, a key made, the profile written or not.
 */
class UserAccessKeyRecoveryTest {
  private static final String USER = "SorterBotCloudUser";

  @TempDir Path dir;
  @TempDir Path home;
  private IamSandbox sb;
  private UserKind users;
  private CredentialsFile file;

  @BeforeEach
  void open() {
    sb = new IamSandbox(dir);
    users = new UserKind(List.of(), Map.of(), home);
    file = CredentialsFile.resolve(null, Map.of(), home);
  }

  private Desired user(boolean withKey) {
    Map<String, Object> props = map("userName", USER);
    if (withKey) props.put("accessKey", map("credentialsProfile", "cloud"));
    return desired("SBUser", "iam.user", props);
  }

  private List<String> keys() {
    return sb.iam().listAccessKeys(b -> b.userName(USER)).accessKeyMetadata().stream()
        .map(AccessKeyMetadata::accessKeyId).toList();
  }

  private Map<String, String> awsTags() {
    return IamSupport.tagMap(sb.iam().listUserTags(b -> b.userName(USER)).tags());
  }

  /** The user, then what a run killed after marking it and making a key leaves (keys there before kept). */
  private AccessKey crashedIssue(List<String> known) {
    sb.iam().tagUser(b -> b.userName(USER).tags(t -> t.key(AccessKeyMarks.PENDING_TAG)
        .value(AccessKeyMarks.pendingValue(sb.ticker.now(), known))));
    sb.ticker.advance(Duration.ofSeconds(3));
    return sb.iam().createAccessKey(b -> b.userName(USER)).accessKey();
  }

  /** Plan shows the key as missing; apply finishes the issue; afterwards nothing is left to change. */
  private LiveResource apply() {
    LiveResource live = sb.find(users, "SBUser");
    assertThat(live.properties()).doesNotContainKey("accessKey");
    assertThat(live.tags()).doesNotContainKeys(AccessKeyMarks.PENDING_TAG, AccessKeyMarks.RECORDED_TAG);
    assertThat(IamTestSupport.diff(users, user(true), live)).extracting(PropertyChange::property).containsExactly("accessKey");
    return sb.update(users, live, user(true));
  }

  @Test
  void aRunKilledBeforeTheProfileWasWrittenLeavesAnOrphanThatApplyReplaces() throws Exception {
    users.create(sb.ctx, user(false));
    String orphan = crashedIssue(List.of()).accessKeyId();
    sb.ticker.advance(Duration.ofHours(1));  // the re-run may come much later: the key's age is what counts

    LiveResource after = apply();
    assertThat(keys()).singleElement().isNotEqualTo(orphan);
    String issued = keys().get(0);
    assertThat(file.accessKeyIdOf("cloud")).isEqualTo(issued);
    assertThat(Files.readString(file.path())).matches("(?s).*aws_secret_access_key = [A-Za-z0-9+/]{40}\n");
    assertThat(awsTags()).containsEntry(AccessKeyMarks.RECORDED_TAG, issued).doesNotContainKey(AccessKeyMarks.PENDING_TAG);
    assertThat(after.properties()).containsEntry("accessKey", Map.of());
    assertThat(after.tags()).doesNotContainKey(AccessKeyMarks.RECORDED_TAG);
  }

  @Test
  void aRunKilledAfterTheProfileWasWrittenKeepsThatKeyAndRecordsIt() {
    users.create(sb.ctx, user(false));
    AccessKey saved = crashedIssue(List.of());
    file.write("cloud", saved.accessKeyId(), saved.secretAccessKey());

    apply();
    assertThat(keys()).containsExactly(saved.accessKeyId());
    assertThat(file.accessKeyIdOf("cloud")).isEqualTo(saved.accessKeyId());
    assertThat(awsTags()).containsEntry(AccessKeyMarks.RECORDED_TAG, saved.accessKeyId())
        .doesNotContainKey(AccessKeyMarks.PENDING_TAG);
  }

  @Test
  void aRunKilledBetweenRecordingTheKeyAndDroppingTheMarkIsFinished() {
    LiveResource live = sb.roundTrip(users, user(true));
    String saved = keys().get(0);
    sb.iam().tagUser(b -> b.userName(USER).tags(t -> t.key(AccessKeyMarks.PENDING_TAG)
        .value(AccessKeyMarks.pendingValue(sb.ticker.now(), List.of()))));

    apply();
    assertThat(keys()).containsExactly(saved);
    assertThat(awsTags()).containsEntry(AccessKeyMarks.RECORDED_TAG, saved).doesNotContainKey(AccessKeyMarks.PENDING_TAG);
    users.delete(sb.ctx, live);
  }

  @Test
  void aHandMadeKeyOnAUserWithoutMarksIsNeverDeletedNorJoinedByAnother() {
    users.create(sb.ctx, user(false));
    String hand = sb.iam().createAccessKey(b -> b.userName(USER)).accessKey().accessKeyId();

    LiveResource live = sb.find(users, "SBUser");
    assertThat(live.properties()).containsEntry("accessKey", Map.of());
    assertThat(IamTestSupport.diff(users, user(true), live)).isEmpty();  // nothing for apply to do
    // an update for another reason leaves the key alone too
    Desired tagged = desired("SBUser", "iam.user", map("userName", USER, "accessKey", map("credentialsProfile", "cloud"),
        "tags", Map.of("Name", "u")));
    sb.update(users, live, tagged);
    assertThat(keys()).containsExactly(hand);
    assertThat(file.accessKeyIdOf("cloud")).isNull();
  }

  @Test
  void keysMadeByHandBeforeOrLongAfterACrashedIssueSurviveIt() {
    users.create(sb.ctx, user(false));
    String before = sb.iam().createAccessKey(b -> b.userName(USER)).accessKey().accessKeyId();
    String orphan = crashedIssue(List.of(before)).accessKeyId();
    sb.iam().deleteAccessKey(b -> b.userName(USER).accessKeyId(orphan));  // room for one made later
    sb.ticker.advance(AccessKeyMarks.ISSUE_WINDOW.plusMinutes(1));
    String later = sb.iam().createAccessKey(b -> b.userName(USER)).accessKey().accessKeyId();

    assertThat(sb.find(users, "SBUser").properties()).doesNotContainKey("accessKey");
    // both hand-made keys stay, so IAM's limit is reached: explained, and nothing deleted
    assertThatThrownBy(() -> users.update(sb.ctx, sb.find(users, "SBUser"), user(true),
        List.of(new PropertyChange("accessKey", null, Map.of(), false))))
        .hasMessageContaining("the most IAM allows").hasMessageContaining(before).hasMessageContaining(later);
    assertThat(keys()).containsExactlyInAnyOrder(before, later);
    assertThat(file.accessKeyIdOf("cloud")).isNull();
  }

  @Test
  void aHandMadeKeyKnownToACrashedIssueStaysWhileItsOrphanIsReplaced() {
    users.create(sb.ctx, user(false));
    String before = sb.iam().createAccessKey(b -> b.userName(USER)).accessKey().accessKeyId();
    String orphan = crashedIssue(List.of(before)).accessKeyId();

    apply();
    assertThat(keys()).hasSize(2).contains(before).doesNotContain(orphan);
    assertThat(file.accessKeyIdOf("cloud")).isNotIn(before, orphan).isIn(keys());
  }

  @Test
  void aRecordedKeyDeletedOutOfBandIsReplacedButAHandMadeOneKept() {
    sb.roundTrip(users, user(true));
    String first = keys().get(0);
    String hand = sb.iam().createAccessKey(b -> b.userName(USER)).accessKey().accessKeyId();
    sb.iam().deleteAccessKey(b -> b.userName(USER).accessKeyId(first));
    Desired elsewhere = desired("SBUser", "iam.user", map("userName", USER, "accessKey", map("credentialsProfile", "cloud2")));

    LiveResource keyless = sb.find(users, "SBUser");
    assertThat(keyless.properties()).doesNotContainKey("accessKey");
    sb.update(users, keyless, elsewhere);
    assertThat(keys()).hasSize(2).contains(hand);
    assertThat(file.accessKeyIdOf("cloud2")).isIn(keys()).isNotEqualTo(hand);
  }
}
