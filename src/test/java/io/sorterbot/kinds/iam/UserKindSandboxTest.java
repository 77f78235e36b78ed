package io.sorterbot.kinds.iam;

import static io.sorterbot.kinds.iam.IamTestSupport.desired;
import static io.sorterbot.kinds.iam.IamTestSupport.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sorterbot.aws.AwsErrors;
import io.sorterbot.model.Desired;
import io.sorterbot.model.LiveResource;
import io.sorterbot.model.PropertyChange;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;

/** {@code iam.user} against the sandbox: attachments, the access key written once, path, delete. */
class UserKindSandboxTest {
  static final String S3_FULL = IamSandboxLifecycleTest.S3_FULL;

  @TempDir Path dir;
  @TempDir Path home;
  private IamSandbox sb;
  private UserKind users;
  private Path credentials;

  @BeforeEach
  void open() {
    sb = new IamSandbox(dir);
    users = new UserKind(List.of(), Map.of(), home);
    credentials = home.resolve(".aws/credentials");
  }

  private Desired user(List<String> arns, Map<String, Object> accessKey, Object... more) {
    Map<String, Object> props = map("userName", "SorterBotCloudUser", "managedPolicyArns", arns);
    if (accessKey != null) props.put("accessKey", accessKey);
    for (int i = 0; i < more.length; i += 2) props.put((String) more[i], more[i + 1]);
    return desired("SBUser", "iam.user", props);
  }

  private List<AccessKeyMetadata> keys() {
    return sb.iam().listAccessKeys(b -> b.userName("SorterBotCloudUser")).accessKeyMetadata();
  }

  @Test
  void userWithAnAccessKeyWrittenOnceToTheDefaultCredentialsFile() throws Exception {
    String ecr = new PolicyKind().create(sb.ctx, desired("SBEcr", "iam.policy", map("policyName", "SorterBotCloudECR",
        "policyDocument", IamTestSupport.allow("ecr:*", "*")))).id();
    Files.createDirectories(credentials.getParent());
    Files.writeString(credentials, "[default]\naws_access_key_id = AKIAMINE\naws_secret_access_key = mine\n");

    Desired d = user(List.of(ecr, S3_FULL), map("credentialsProfile", "sorterbotcloud"), "tags", Map.of("Name", "u"));
    LiveResource live = sb.roundTrip(users, d);
    assertThat(live.id()).isEqualTo("arn:aws:iam::123456789012:user/teststack/SorterBotCloudUser");
    assertThat(keys()).singleElement().satisfies(k -> assertThat(k.accessKeyId()).matches("AKIA[A-Z2-7]{16}"));
    String keyId = keys().get(0).accessKeyId();
    CredentialsFile file = CredentialsFile.resolve(null, Map.of(), home);
    assertThat(file.accessKeyIdOf("sorterbotcloud")).isEqualTo(keyId);
    assertThat(file.accessKeyIdOf("default")).isEqualTo("AKIAMINE");
    assertThat(Files.readString(credentials)).matches("(?s).*aws_secret_access_key = [A-Za-z0-9+/]{40}\n");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(credentials))).isEqualTo("rw-------");
    // the live key stands for any declared one: no perpetual diff, and nothing of the key in the live state
    assertThat(live.properties().get("accessKey")).isEqualTo(Map.of());

    live = sb.update(users, live, user(List.of(S3_FULL), map("credentialsProfile", "sorterbotcloud"),
        "path", "/teststack/cloud/", "tags", Map.of("Name", "u2")));
    assertThat(live.id()).isEqualTo("arn:aws:iam::123456789012:user/teststack/cloud/SorterBotCloudUser");
    assertThat(keys()).extracting(AccessKeyMetadata::accessKeyId).containsExactly(keyId);  // made once only

    users.delete(sb.ctx, live);
    assertThat(sb.find(users, "SBUser")).isNull();
    users.delete(sb.ctx, live);
    assertThat(file.accessKeyIdOf("sorterbotcloud")).isEqualTo(keyId);  // the file is the user's: left alone
  }

  @Test
  void aKeyDeletedOutOfBandIsMadeAgainIntoAFreeProfileOnly() {
    Path other = home.resolve("other-credentials");
    Desired d = user(List.of(), map("credentialsProfile", "cloud", "credentialsFile", other.toString()));
    LiveResource live = sb.roundTrip(users, d);
    String first = keys().get(0).accessKeyId();
    sb.iam().deleteAccessKey(b -> b.userName("SorterBotCloudUser").accessKeyId(first));

    LiveResource keyless = sb.find(users, "SBUser");
    assertThat(keyless.properties()).doesNotContainKey("accessKey");
    List<PropertyChange> changes = IamTestSupport.diff(users, d, keyless);
    assertThat(changes).extracting(PropertyChange::property).containsExactly("accessKey");
    // the profile still holds the deleted key: refused, with a hint, and no key made
    assertThatThrownBy(() -> users.update(sb.ctx, keyless, d, changes))
        .isInstanceOf(CredentialsFile.ProfileConflictException.class).hasMessageContaining("Hint:");
    assertThat(keys()).isEmpty();

    Desired elsewhere = user(List.of(), map("credentialsProfile", "cloud2", "credentialsFile", other.toString()));
    live = sb.update(users, keyless, elsewhere);
    assertThat(CredentialsFile.resolve(other.toString(), Map.of(), home).accessKeyIdOf("cloud2"))
        .isEqualTo(keys().get(0).accessKeyId()).isNotEqualTo(first);
    users.delete(sb.ctx, live);
  }

  @Test
  void aTakenProfileIsRefusedBeforeTheUserIsCreated() throws Exception {
    Files.createDirectories(credentials.getParent());
    Files.writeString(credentials, "[sorterbotcloud]\naws_access_key_id = AKIAOLD\naws_secret_access_key = old\n");
    assertThatThrownBy(() -> users.create(sb.ctx, user(List.of(), map("credentialsProfile", "sorterbotcloud"))))
        .isInstanceOf(CredentialsFile.ProfileConflictException.class);
    assertThatThrownBy(() -> sb.iam().getUser(b -> b.userName("SorterBotCloudUser")))
        .satisfies(e -> assertThat(AwsErrors.code(e)).isEqualTo("NoSuchEntity"));
  }

  @Test
  void deleteRemovesKeysInlinePoliciesAndTheConsolePassword() {
    LiveResource live = users.create(sb.ctx, user(List.of(S3_FULL), null));
    sb.iam().createAccessKey(b -> b.userName("SorterBotCloudUser"));
    sb.iam().createAccessKey(b -> b.userName("SorterBotCloudUser"));
    sb.iam().createLoginProfile(b -> b.userName("SorterBotCloudUser").password("Passw0rd!Passw0rd"));
    sb.iam().putUserPolicy(b -> b.userName("SorterBotCloudUser").policyName("inline")
        .policyDocument(PolicyDocuments.toJson(IamTestSupport.allow("s3:*", "*"))));
    assertThat(sb.find(users, "SBUser").properties()).containsEntry("accessKey", Map.of());
    users.delete(sb.ctx, live);
    assertThat(sb.find(users, "SBUser")).isNull();
  }
}
