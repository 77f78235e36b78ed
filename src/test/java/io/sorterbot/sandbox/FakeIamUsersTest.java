package io.sorterbot.sandbox;

import static io.sorterbot.sandbox.FakeIamTest.assertCode;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;
import software.amazon.awssdk.services.iam.model.User;

/** The simulated IAM users: attachments, access keys (secret shown once, never stored), deletion rules. */
class FakeIamUsersTest {
  @TempDir Path dir;
  private IamClient iam;

  @BeforeEach
  void open() { iam = Ec2TestSupport.open(dir).iam(); }

  @Test
  void accessKeysAreShownOnceAndNeverStored() throws Exception {
    User u = iam.createUser(b -> b.userName("U").path("/s/").tags(t -> t.key("SBID").value("SBUser"))).user();
    assertThat(u.userId()).matches("AIDA[A-Z2-7]{17}");
    assertThat(u.arn()).isEqualTo("arn:aws:iam::123456789012:user/s/U");
    AccessKey k = iam.createAccessKey(b -> b.userName("U")).accessKey();
    assertThat(k.accessKeyId()).matches("AKIA[A-Z2-7]{16}");
    assertThat(k.secretAccessKey()).matches("[A-Za-z0-9+/]{40}");
    assertThat(iam.listAccessKeys(b -> b.userName("U")).accessKeyMetadata()).extracting(AccessKeyMetadata::accessKeyId)
        .containsExactly(k.accessKeyId());
    assertThat(Files.readString(dir.resolve(SandboxAccount.FILE_NAME))).contains(k.accessKeyId())
        .doesNotContain(k.secretAccessKey());
    iam.createAccessKey(b -> b.userName("U"));
    assertCode("LimitExceeded", 409, () -> iam.createAccessKey(b -> b.userName("U")));
    assertCode("NoSuchEntity", 404, () -> iam.deleteAccessKey(b -> b.userName("U").accessKeyId("AKIANOPE")));
  }

  @Test
  void aUserGoesOnlyOnceItsKeysPoliciesAndPasswordAreGone() {
    iam.createUser(b -> b.userName("U"));
    assertCode("EntityAlreadyExists", 409, () -> iam.createUser(b -> b.userName("u")));
    iam.attachUserPolicy(b -> b.userName("U").policyArn(FakeIamTest.S3_FULL));
    String key = iam.createAccessKey(b -> b.userName("U")).accessKey().accessKeyId();
    iam.putUserPolicy(b -> b.userName("U").policyName("i").policyDocument(FakeIamTest.DOC));
    iam.createLoginProfile(b -> b.userName("U").password("Passw0rd!Passw0rd"));

    assertCode("DeleteConflict", 409, () -> iam.deleteUser(b -> b.userName("U")));
    iam.deleteAccessKey(b -> b.userName("U").accessKeyId(key));
    assertCode("DeleteConflict", 409, () -> iam.deleteUser(b -> b.userName("U")));
    iam.deleteLoginProfile(b -> b.userName("U"));
    assertCode("NoSuchEntity", 404, () -> iam.deleteLoginProfile(b -> b.userName("U")));
    assertCode("DeleteConflict", 409, () -> iam.deleteUser(b -> b.userName("U")));
    iam.detachUserPolicy(b -> b.userName("U").policyArn(FakeIamTest.S3_FULL));
    assertCode("DeleteConflict", 409, () -> iam.deleteUser(b -> b.userName("U")));
    iam.deleteUserPolicy(b -> b.userName("U").policyName("i"));
    iam.deleteUser(b -> b.userName("U"));
    assertCode("NoSuchEntity", 404, () -> iam.getUser(b -> b.userName("U")));
  }

  @Test
  void aNewPathMovesTheUser() {
    iam.createUser(b -> b.userName("U").path("/a/"));
    iam.updateUser(b -> b.userName("U").newPath("/b/"));
    assertThat(iam.getUser(b -> b.userName("U")).user().arn()).isEqualTo("arn:aws:iam::123456789012:user/b/U");
    assertThat(iam.listUsers(b -> b.pathPrefix("/a/")).users()).isEmpty();
    assertThat(iam.listUsers(b -> b.pathPrefix("/b/")).users()).extracting(User::userName).containsExactly("U");
  }
}
