package io.sorterbot.kinds.iam;

import static io.sorterbot.kinds.iam.IamTestSupport.STACK;
import static io.sorterbot.kinds.iam.IamTestSupport.diff;
import static org.assertj.core.api.Assertions.assertThat;

import io.sorterbot.model.Desired;
import io.sorterbot.kinds.KindContext;
import io.sorterbot.model.LiveResource;
import io.sorterbot.model.PropertyChange;
import io.sorterbot.kinds.ResourceKind;
import io.sorterbot.model.Tags;
import io.sorterbot.sandbox.SandboxClients;
import io.sorterbot.sandbox.SandboxKnobs;
import java.nio.file.Path;
import java.util.List;
import software.amazon.awssdk.services.iam.IamClient;

/** A sandbox account and the checks every lifecycle step makes: what AWS holds equals what the file says. */
final class IamSandbox {
  final IamTestSupport.FakeTicker ticker = new IamTestSupport.FakeTicker();
  final SandboxClients clients;
  final KindContext ctx;

  IamSandbox(Path dir) { this(dir, SandboxKnobs.none()); }

  IamSandbox(Path dir, SandboxKnobs knobs) {
    clients = SandboxClients.open(dir, "eu-central-1", knobs, ticker);
    ctx = new KindContext(STACK, clients, ticker, KindContext.Progress.NONE);
  }

  IamClient iam() { return clients.iam(); }

  /** Create, then discover: both answers have no difference with the desired state, and carry our tags. */
  LiveResource roundTrip(ResourceKind kind, Desired d) {
    LiveResource created = kind.create(ctx, d);
    assertThat(diff(kind, d, created)).as("diff right after create").isEmpty();
    LiveResource found = find(kind, d.sbid());
    assertThat(found).as("discovered").isNotNull();
    assertThat(found.stackTag()).isEqualTo(STACK);
    assertThat(found.id()).isEqualTo(created.id()).startsWith("arn:aws:iam::123456789012:");
    assertThat(found.attributes()).containsEntry("id", found.id()).containsEntry("arn", found.id()).containsKey("name");
    assertThat(found.properties().get("tags")).isEqualTo(Tags.userTags(d.tags()));
    assertThat(found.createdAt()).isNotNull();
    assertThat(diff(kind, d, found)).as("diff after discover").isEmpty();
    return found;
  }

  /** One in-place update: the plan had changes, and afterwards neither the answer nor discovery has any. */
  LiveResource update(ResourceKind kind, LiveResource live, Desired d) {
    List<PropertyChange> changes = diff(kind, d, live);
    assertThat(changes).as("the update changes something").isNotEmpty();
    assertThat(changes).noneMatch(PropertyChange::forcesReplacement);
    LiveResource updated = kind.update(ctx, live, d, changes);
    assertThat(diff(kind, d, updated)).as("diff right after update").isEmpty();
    LiveResource found = find(kind, d.sbid());
    assertThat(diff(kind, d, found)).as("diff after discover").isEmpty();
    return found;
  }

  LiveResource find(ResourceKind kind, String sbid) {
    List<LiveResource> all = kind.discover(ctx).stream().filter(l -> sbid.equals(l.sbid())).toList();
    assertThat(all.size()).as("copies of " + sbid).isLessThanOrEqualTo(1);
    return all.isEmpty() ? null : all.get(0);
  }
}
