package io.sorterbot.kinds.s3;

import static io.sorterbot.kinds.s3.S3TestSupport.STACK;
import static io.sorterbot.kinds.s3.S3TestSupport.desired;
import static io.sorterbot.kinds.s3.S3TestSupport.map;
import static org.assertj.core.api.Assertions.assertThat;

import io.sorterbot.kinds.KindContext;
import io.sorterbot.model.LiveResource;
import io.sorterbot.model.Notice;
import io.sorterbot.sandbox.SandboxClients;
import io.sorterbot.sandbox.SandboxKnobs;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bucket of someone else in the region whose policy denies GetBucketTagging to everyone (an explicit deny
 * beats any allow, the account's own principals included): discovery skips it, with one notice for -v, and
 * finds ours as before. Before, its AccessDenied aborted every plan.
 */
class ForeignBucketTest {
  static final String DENY_TAGS = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Principal\":\"*\","
      + "\"Action\":[\"s3:GetBucketTagging\",\"s3:PutBucketTagging\"],\"Resource\":\"arn:aws:s3:::%s\"}]}";

  @TempDir Path dir;

  @Test
  void aBucketDenyingItsTagsIsSkippedWithOneVerboseNotice() {
    S3TestSupport.FakeTicker ticker = new S3TestSupport.FakeTicker();
    SandboxClients clients = SandboxClients.open(dir, "eu-central-1", SandboxKnobs.none(), ticker);
    List<Notice> notices = new CopyOnWriteArrayList<>();
    KindContext ctx = new KindContext(STACK, clients, ticker, new S3TestSupport.Notices(), notices::add);
    BucketKind buckets = new BucketKind();
    buckets.create(ctx, desired("SBImages", map("bucketName", "sb-images")));
    for (String name : List.of("audit-logs", "security-trail")) {
      clients.s3().createBucket(b -> b.bucket(name).createBucketConfiguration(c -> c.locationConstraint("eu-central-1")));
      clients.s3().putBucketPolicy(b -> b.bucket(name).policy(String.format(DENY_TAGS, name)));
    }

    List<LiveResource> found = buckets.discover(ctx);

    assertThat(found).extracting(LiveResource::sbid).containsExactly("SBImages");
    assertThat(notices).singleElement().satisfies(n -> {
      assertThat(n.verbose()).isTrue();
      assertThat(n.text()).contains("audit-logs, security-trail").contains("AccessDenied");
    });
  }
}
