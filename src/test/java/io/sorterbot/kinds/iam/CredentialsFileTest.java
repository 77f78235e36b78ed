package io.sorterbot.kinds.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialsFileTest {
  private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

  @TempDir Path home;

  @Test
  void writesANewFileWithMode0600InANewDirectory() throws Exception {
    CredentialsFile f = CredentialsFile.resolve(null, Map.of(), home);
    assertThat(f.path()).isEqualTo(home.resolve(".aws/credentials"));
    f.write("sorterbotcloud", "AKIAEXAMPLE", SECRET);
    assertThat(Files.readString(f.path()))
        .isEqualTo("[sorterbotcloud]\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = " + SECRET + "\n");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f.path()))).isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f.path().getParent()))).isEqualTo("rwx------");
    try (var files = Files.list(f.path().getParent())) {
      assertThat(files).containsExactly(f.path());  // no temporary file left behind
    }
  }

  @Test
  void keepsTheOtherProfilesAsTheyWereAndTightensTheMode() throws Exception {
    Path file = home.resolve("creds");
    String before = "# my keys\n[default]\naws_access_key_id=AKIADEFAULT\naws_secret_access_key = s3cr3t\nregion = eu-west-1\n\n[other]  ; note\n"
        + "aws_access_key_id = AKIAOTHER\naws_secret_access_key = x";
    Files.writeString(file, before);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    CredentialsFile f = CredentialsFile.resolve(file.toString(), Map.of(), home);

    f.write("sorterbotcloud", "AKIANEW", SECRET);

    String after = Files.readString(file);
    assertThat(after).startsWith(before + "\n\n[sorterbotcloud]\n");
    assertThat(f.accessKeyIdOf("default")).isEqualTo("AKIADEFAULT");
    assertThat(f.accessKeyIdOf("other")).isEqualTo("AKIAOTHER");
    assertThat(f.accessKeyIdOf("sorterbotcloud")).isEqualTo("AKIANEW");
    assertThat(f.accessKeyIdOf("absent")).isNull();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
  }

  @Test
  void theSameKeysAgainAreANoOp() throws Exception {
    CredentialsFile f = CredentialsFile.resolve("~/c", Map.of(), home);
    assertThat(f.path()).isEqualTo(home.resolve("c"));
    f.write("p", "AKIA1", SECRET);
    String once = Files.readString(f.path());
    f.write("p", "AKIA1", SECRET);
    assertThat(Files.readString(f.path())).isEqualTo(once);
  }

  @Test
  void refusesToOverwriteAProfileWithOtherKeysWithoutShowingAnySecret() throws Exception {
    CredentialsFile f = CredentialsFile.resolve("~/c", Map.of(), home);
    f.write("p", "AKIA1", SECRET);
    String once = Files.readString(f.path());
    assertThatThrownBy(() -> f.write("p", "AKIA2", "another-secret-of-forty-characters-xxxxx"))
        .isInstanceOf(CredentialsFile.ProfileConflictException.class)
        .hasMessageContaining("[p]").hasMessageContaining("Hint:")
        .hasMessageNotContaining(SECRET).hasMessageNotContaining("another-secret");
    assertThatThrownBy(() -> f.requireFree("p")).isInstanceOf(CredentialsFile.ProfileConflictException.class);
    f.requireFree("q");
    assertThat(Files.readString(f.path())).isEqualTo(once);
  }

  @Test
  void theDefaultFollowsAwsSharedCredentialsFile() {
    Path elsewhere = home.resolve("ci/credentials");
    assertThat(CredentialsFile.resolve(null, Map.of("AWS_SHARED_CREDENTIALS_FILE", elsewhere.toString()), home).path())
        .isEqualTo(elsewhere);
    assertThat(CredentialsFile.resolve("/abs/file", Map.of("AWS_SHARED_CREDENTIALS_FILE", "/x"), home).path())
        .isEqualTo(Path.of("/abs/file"));
  }

  @Test
  void aSymlinkedFileIsWrittenThroughTheLink() throws Exception {
    Path real = home.resolve("real");
    Files.writeString(real, "[default]\naws_access_key_id = A\n");
    Path link = Files.createSymbolicLink(home.resolve("link"), real);
    CredentialsFile.resolve(link.toString(), Map.of(), home).write("p", "AKIA1", SECRET);
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(Files.readString(real)).contains("[p]");
  }
}
