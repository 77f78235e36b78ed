package io.sorterbot.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.sorterbot.aws.AwsErrors;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.*;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/** The simulated IAM: policies and versions, roles, instance profiles, AWS managed policies, error codes. */
class FakeIamTest {
  static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
      + "\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
  static final String DOC = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}";
  static final String S3_FULL = "arn:aws:iam::aws:policy/AmazonS3FullAccess";
  static final String ECS_EXEC = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy";

  @TempDir Path dir;
  private final FakeTicker ticker = new FakeTicker();
  private IamClient iam;

  @BeforeEach
  void open() { iam = Ec2TestSupport.open(dir, SandboxKnobs.none(), ticker).iam(); }

  /** Asserts an IAM error of {@code code} and HTTP {@code status}, typed as the SDK's exception. */
  static IamException assertCode(String code, int status, ThrowingCallable call) {
    Throwable t = catchThrowable(call);
    assertThat(t).as("expected IAM error %s", code).isInstanceOf(IamException.class);
    assertThat(AwsErrors.code(t)).isEqualTo(code);
    assertThat(((IamException) t).statusCode()).isEqualTo(status);
    return (IamException) t;
  }

  private String role(String name, String path) {
    return iam.createRole(b -> b.roleName(name).path(path).assumeRolePolicyDocument(TRUST)).role().arn();
  }

  private String policy(String name) {
    return iam.createPolicy(b -> b.policyName(name).path("/s/").policyDocument(DOC)).policy().arn();
  }

  @Test
  void rolesHaveAwsShapedIdsArnsAndUrlEncodedDocuments() {
    Role r = iam.createRole(b -> b.roleName("R").path("/s/").assumeRolePolicyDocument(TRUST).description("d")
        .tags(t -> t.key("SBID").value("SBRole"))).role();
    assertThat(r.roleId()).matches("AROA[A-Z2-7]{17}");
    assertThat(r.arn()).isEqualTo("arn:aws:iam::123456789012:role/s/R");
    assertThat(r.maxSessionDuration()).isEqualTo(3600);
    Role got = iam.getRole(b -> b.roleName("r")).role();  // names are case-insensitive
    assertThat(got.assumeRolePolicyDocument()).isEqualTo(SdkHttpUtils.urlEncode(TRUST)).startsWith("%7B%22Version%22");
    assertThat(got.tags()).extracting(Tag::key).containsExactly("SBID");
    Role listed = iam.listRoles(b -> b.pathPrefix("/s/")).roles().get(0);
    assertThat(listed.tags()).isEmpty();  // lists do not return tags
    assertThat(iam.listRoleTags(b -> b.roleName("R")).tags()).extracting(Tag::value).containsExactly("SBRole");
    assertThat(iam.listRoles(b -> b.pathPrefix("/other/")).roles()).isEmpty();
  }

  @Test
  void createErrors() {
    role("R", "/s/");
    assertCode("EntityAlreadyExists", 409, () -> role("r", "/t/"));
    assertCode("ValidationError", 400, () -> role("bad name", "/s/"));
    assertCode("ValidationError", 400, () -> role("R2", "no-slashes"));
    assertCode("MalformedPolicyDocument", 400, () -> iam.createRole(b -> b.roleName("R3").assumeRolePolicyDocument("{oops")));
    assertCode("MalformedPolicyDocument", 400, () -> iam.createPolicy(b -> b.policyName("P").policyDocument("{\"Version\":\"2012-10-17\"}")));
    assertCode("MalformedPolicyDocument", 400, () -> iam.putRolePolicy(b -> b.roleName("R").policyName("i").policyDocument("[]")));
    assertCode("ValidationError", 400, () -> iam.updateRole(b -> b.roleName("R").maxSessionDuration(60)));
    NoSuchEntityException e = (NoSuchEntityException) assertCode("NoSuchEntity", 404, () -> iam.getRole(b -> b.roleName("Nope")));
    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The role with name Nope cannot be found.");
  }

  @Test
  void policyVersionsAreLimitedToFiveAndTheDefaultCannotGo() {
    String arn = policy("P");
    assertThat(arn).isEqualTo("arn:aws:iam::123456789012:policy/s/P");
    Policy p = iam.getPolicy(b -> b.policyArn(arn)).policy();
    assertThat(p.policyId()).matches("ANPA[A-Z2-7]{17}");
    assertThat(p.defaultVersionId()).isEqualTo("v1");
    for (int i = 2; i <= 5; i++) iam.createPolicyVersion(b -> b.policyArn(arn).policyDocument(DOC).setAsDefault(true));
    assertCode("LimitExceeded", 409, () -> iam.createPolicyVersion(b -> b.policyArn(arn).policyDocument(DOC)));
    assertCode("DeleteConflict", 409, () -> iam.deletePolicyVersion(b -> b.policyArn(arn).versionId("v5")));
    assertCode("DeleteConflict", 409, () -> iam.deletePolicy(b -> b.policyArn(arn)));  // versions left
    iam.deletePolicyVersion(b -> b.policyArn(arn).versionId("v1"));
    iam.createPolicyVersion(b -> b.policyArn(arn).policyDocument(DOC.replace("s3:*", "ecr:*")).setAsDefault(true));
    List<PolicyVersion> versions = iam.listPolicyVersions(b -> b.policyArn(arn)).versions();
    assertThat(versions).extracting(PolicyVersion::versionId).containsExactly("v6", "v5", "v4", "v3", "v2");
    assertThat(versions).filteredOn(PolicyVersion::isDefaultVersion).extracting(PolicyVersion::versionId).containsExactly("v6");
    PolicyVersion v6 = iam.getPolicyVersion(b -> b.policyArn(arn).versionId("v6")).policyVersion();
    assertThat(SdkHttpUtils.urlDecode(v6.document())).contains("ecr:*");
    assertCode("NoSuchEntity", 404, () -> iam.getPolicyVersion(b -> b.policyArn(arn).versionId("v1")));
  }

  @Test
  void attachedPoliciesBlockDeletesAndAreListedPerEntity() {
    String arn = policy("P");
    role("R", "/s/");
    iam.attachRolePolicy(b -> b.roleName("R").policyArn(arn));
    iam.attachRolePolicy(b -> b.roleName("R").policyArn(arn));  // twice is fine
    iam.attachRolePolicy(b -> b.roleName("R").policyArn(S3_FULL));
    iam.attachRolePolicy(b -> b.roleName("R").policyArn(ECS_EXEC));
    assertThat(iam.listAttachedRolePolicies(b -> b.roleName("R")).attachedPolicies()).extracting(AttachedPolicy::policyName)
        .containsExactly("P", "AmazonS3FullAccess", "AmazonECSTaskExecutionRolePolicy");
    assertThat(iam.getPolicy(b -> b.policyArn(arn)).policy().attachmentCount()).isEqualTo(1);
    assertThat(iam.listEntitiesForPolicy(b -> b.policyArn(S3_FULL)).policyRoles()).extracting(PolicyRole::roleName).containsExactly("R");
    assertCode("NoSuchEntity", 404, () -> iam.attachRolePolicy(b -> b.roleName("R").policyArn("arn:aws:iam::aws:policy/NoSuchThing")));
    assertCode("NoSuchEntity", 404, () -> iam.attachRolePolicy(b -> b.roleName("R").policyArn("arn:aws:iam::123456789012:policy/x")));

    assertCode("DeleteConflict", 409, () -> iam.deletePolicy(b -> b.policyArn(arn)));
    assertCode("DeleteConflict", 409, () -> iam.deleteRole(b -> b.roleName("R")));
    iam.detachRolePolicy(b -> b.roleName("R").policyArn(arn));
    assertCode("NoSuchEntity", 404, () -> iam.detachRolePolicy(b -> b.roleName("R").policyArn(arn)));
    iam.deletePolicy(b -> b.policyArn(arn));
    assertCode("NoSuchEntity", 404, () -> iam.getPolicy(b -> b.policyArn(arn)));

    iam.detachRolePolicy(b -> b.roleName("R").policyArn(S3_FULL));
    iam.detachRolePolicy(b -> b.roleName("R").policyArn(ECS_EXEC));
    iam.putRolePolicy(b -> b.roleName("R").policyName("inline").policyDocument(DOC));
    assertThat(iam.getRolePolicy(b -> b.roleName("R").policyName("inline")).policyDocument()).isEqualTo(SdkHttpUtils.urlEncode(DOC));
    assertCode("DeleteConflict", 409, () -> iam.deleteRole(b -> b.roleName("R")));
    iam.deleteRolePolicy(b -> b.roleName("R").policyName("inline"));
    assertCode("NoSuchEntity", 404, () -> iam.getRolePolicy(b -> b.roleName("R").policyName("inline")));
    iam.deleteRole(b -> b.roleName("R"));
  }

  @Test
  void awsManagedPoliciesAreListedByScope() {
    List<String> aws = iam.listPolicies(b -> b.scope(PolicyScopeType.AWS)).policies().stream().map(Policy::arn).toList();
    assertThat(aws).contains(S3_FULL, ECS_EXEC);
    policy("Mine");
    assertThat(iam.listPolicies(b -> b.scope(PolicyScopeType.LOCAL).pathPrefix("/s/")).policies())
        .extracting(Policy::policyName).containsExactly("Mine");
    assertThat(iam.getPolicy(b -> b.policyArn(ECS_EXEC)).policy().path()).isEqualTo("/service-role/");
  }

  @Test
  void anInstanceProfileHoldsOneRoleAndBlocksItsDeletion() {
    role("A", "/s/");
    role("B", "/s/");
    InstanceProfile p = iam.createInstanceProfile(b -> b.instanceProfileName("P").path("/s/")).instanceProfile();
    assertThat(p.instanceProfileId()).matches("AIPA[A-Z2-7]{17}");
    assertThat(p.arn()).isEqualTo("arn:aws:iam::123456789012:instance-profile/s/P");
    assertCode("EntityAlreadyExists", 409, () -> iam.createInstanceProfile(b -> b.instanceProfileName("P")));
    iam.addRoleToInstanceProfile(b -> b.instanceProfileName("P").roleName("A"));
    assertCode("LimitExceeded", 409, () -> iam.addRoleToInstanceProfile(b -> b.instanceProfileName("P").roleName("B")));
    assertCode("NoSuchEntity", 404, () -> iam.addRoleToInstanceProfile(b -> b.instanceProfileName("P").roleName("Nope")));
    assertThat(iam.getInstanceProfile(b -> b.instanceProfileName("P")).instanceProfile().roles()).extracting(Role::roleName)
        .containsExactly("A");
    assertThat(iam.listInstanceProfilesForRole(b -> b.roleName("A")).instanceProfiles()).hasSize(1);
    assertCode("DeleteConflict", 409, () -> iam.deleteRole(b -> b.roleName("A")));
    assertCode("DeleteConflict", 409, () -> iam.deleteInstanceProfile(b -> b.instanceProfileName("P")));
    assertCode("NoSuchEntity", 404, () -> iam.removeRoleFromInstanceProfile(b -> b.instanceProfileName("P").roleName("B")));
    iam.removeRoleFromInstanceProfile(b -> b.instanceProfileName("P").roleName("A"));
    iam.deleteInstanceProfile(b -> b.instanceProfileName("P"));
    iam.deleteRole(b -> b.roleName("A"));
  }

  @Test
  void listsPageWithMarkers() {
    for (int i = 0; i < 5; i++) role("R" + i, "/s/");
    ListRolesResponse first = iam.listRoles(b -> b.pathPrefix("/s/").maxItems(2));
    assertThat(first.roles()).hasSize(2);
    assertThat(first.isTruncated()).isTrue();
    ListRolesResponse second = iam.listRoles(b -> b.pathPrefix("/s/").maxItems(2).marker(first.marker()));
    assertThat(second.roles()).extracting(Role::roleName).doesNotContainAnyElementsOf(first.roles().stream().map(Role::roleName).toList());
    List<String> all = new ArrayList<>();
    iam.listRolesPaginator(b -> b.pathPrefix("/s/").maxItems(2)).roles().forEach(r -> all.add(r.roleName()));
    assertThat(all).containsExactlyInAnyOrder("R0", "R1", "R2", "R3", "R4");
    assertCode("InvalidInput", 400, () -> iam.listRoles(b -> b.marker("garbage")));
  }

  @Test
  void tagsAreAddedReplacedAndRemoved() {
    String arn = policy("P");
    iam.tagPolicy(b -> b.policyArn(arn).tags(t -> t.key("A").value("1"), t -> t.key("B").value("2")));
    iam.tagPolicy(b -> b.policyArn(arn).tags(t -> t.key("a").value("3")));
    iam.untagPolicy(b -> b.policyArn(arn).tagKeys("B"));
    assertThat(iam.listPolicyTags(b -> b.policyArn(arn)).tags()).extracting(Tag::key, Tag::value)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("a", "3"));
  }

  @Test
  void newEntitiesAreInvisibleDuringTheConsistencyLag(@TempDir Path other) {
    IamClient lagging = Ec2TestSupport.open(other, SandboxKnobs.none().withConsistencyLag(Duration.ofSeconds(5)), ticker).iam();
    lagging.createRole(b -> b.roleName("R").assumeRolePolicyDocument(TRUST));
    assertCode("NoSuchEntity", 404, () -> lagging.getRole(b -> b.roleName("R")));
    assertThat(lagging.listRoles().roles()).isEmpty();
    ticker.advance(Duration.ofSeconds(6));
    assertThat(lagging.getRole(b -> b.roleName("R")).role().roleName()).isEqualTo("R");
  }

  @Test
  void stateIsGlobalAndPersisted() {
    role("R", "/s/");
    SandboxClients again = SandboxClients.open(dir, "us-east-1", SandboxKnobs.none(), ticker);
    assertThat(again.iam().getRole(b -> b.roleName("R")).role().arn()).isEqualTo("arn:aws:iam::123456789012:role/s/R");
    assertThat(again.account().toJson()).contains("\"iam\"", "\"global\"");
  }
}
