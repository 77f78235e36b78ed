package io.sorterbot.kinds.rds;

import static org.assertj.core.api.Assertions.assertThat;

import io.sorterbot.model.Sensitive;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the RDS kinds compare what the file says with what AWS reports. */
class RdsNormalizeTest {
  private final DbInstanceKind db = new DbInstanceKind();
  private final DbSubnetGroupKind group = new DbSubnetGroupKind();

  @Test
  void engineVersionMatchesAsADotBoundedPrefix() {
    assertThat(db.equivalent("engineVersion", "16", "16.4")).isTrue();
    assertThat(db.equivalent("engineVersion", "16.4", "16.4")).isTrue();
    assertThat(db.equivalent("engineVersion", 16L, "16.4")).isTrue();
    assertThat(db.equivalent("engineVersion", "16", "17.2")).isFalse();
    assertThat(db.equivalent("engineVersion", "1", "16.4")).isFalse();
    assertThat(db.equivalent("engineVersion", "16.4", "16.41")).isFalse();
    assertThat(db.equivalent("engineVersion", "8.0", "8.0.39")).isTrue();
  }

  @Test
  void majorVersionsPerEngine() {
    assertThat(RdsVersions.major("postgres", "16.4")).isEqualTo("16");
    assertThat(RdsVersions.major("postgres", "9.6.22")).isEqualTo("9.6");
    assertThat(RdsVersions.major("mysql", "8.0.39")).isEqualTo("8.0");
    assertThat(RdsVersions.major("mariadb", "10.11.9")).isEqualTo("10.11");
  }

  @Test
  void passwordComparesByTheSaltedFingerprintAndNeverShows() {
    String fp = RdsPassword.fingerprint("stack", "SBPostgres", "hunter22hunter");
    assertThat(fp).hasSize(16).matches("[0-9a-f]{16}");
    Sensitive live = RdsPassword.marker("stack", "SBPostgres", fp);
    assertThat(live).hasToString("(sensitive)");
    assertThat(live.value()).doesNotContain("hunter22hunter");
    assertThat(db.equivalent("masterUserPassword", new Sensitive("hunter22hunter"), live)).isTrue();
    assertThat(db.equivalent("masterUserPassword", "hunter22hunter", live.value())).isTrue();
    assertThat(db.equivalent("masterUserPassword", new Sensitive("hunter22hunteR"), live)).isFalse();
    // the same password in another stack or resource fingerprints differently
    assertThat(RdsPassword.fingerprint("other", "SBPostgres", "hunter22hunter")).isNotEqualTo(fp);
    assertThat(db.equivalent("masterUserPassword", new Sensitive("hunter22hunter"), null)).isFalse();
    assertThat(db.normalize("masterUserPassword", live)).isSameAs(live);
  }

  @Test
  void namesAwsStoresInLowercaseAndSetsCompareLooselyNumbersAndBooleansFromStrings() {
    assertThat(db.equivalent("dbInstanceIdentifier", "SorterBot-Postgres", "sorterbot-postgres")).isTrue();
    assertThat(db.equivalent("dbSubnetGroupName", "My-Group", "my-group")).isTrue();
    assertThat(group.equivalent("dbSubnetGroupName", "My-Group", "my-group")).isTrue();
    assertThat(group.equivalent("subnetIds", List.of("subnet-b", "subnet-a", "subnet-a"), List.of("subnet-a", "subnet-b")))
        .isTrue();
    assertThat(db.equivalent("vpcSecurityGroupIds", List.of("sg-2", "sg-1"), List.of("sg-1", "sg-2"))).isTrue();
    assertThat(db.equivalent("allocatedStorage", "20", 20L)).isTrue();
    assertThat(db.equivalent("publiclyAccessible", "true", true)).isTrue();
    assertThat(db.equivalent("allocatedStorage", 30L, 20L)).isFalse();
  }

  @Test
  void applyImmediatelyIsHowNotWhatAndKmsKeysMatchTheirArn() {
    assertThat(db.equivalent("applyImmediately", false, null)).isTrue();
    String arn = "arn:aws:kms:eu-central-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    assertThat(db.equivalent("kmsKeyId", arn, arn)).isTrue();
    assertThat(db.equivalent("kmsKeyId", "1234abcd-12ab-34cd-56ef-1234567890ab", arn)).isTrue();
    assertThat(db.equivalent("kmsKeyId", "alias/aws/rds", arn)).isTrue();
    assertThat(db.equivalent("kmsKeyId", "ffff", arn)).isFalse();
  }
}
