package io.sorterbot.sandbox;

import static io.sorterbot.sandbox.Ec2Support.dryRun;
import static io.sorterbot.sandbox.Ec2Support.error;
import static io.sorterbot.sandbox.Ec2Support.missing;

import io.sorterbot.sandbox.Ec2InstanceState.InstanceRec;
import io.sorterbot.sandbox.Ec2Support.Kind;
import io.sorterbot.sandbox.Ec2Support.Page;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import software.amazon.awssdk.services.ec2.model.*;

/**
 * Instance lifecycle of {@link FakeEc2}: RunInstances (client-token idempotency, validation in
 * {@link FakeEc2InstanceLaunch}), DescribeInstances, Stop/Start/TerminateInstances, and the dependency hooks
 * a live instance puts on its subnet, security groups and its VPC's internet gateway. Runs under the lock.
 */
final class FakeEc2Instances {
  /** AWS keeps a client token for at least a day after its instance ends; so does the sandbox, then forgets both. */
  static final Duration TOKEN_VALIDITY = Duration.ofHours(24);

  private final Ec2Support s;
  private final FakeEc2InstanceViews views;
  private final FakeEc2InstanceLaunch launch;
  private final FakeEc2Addresses addresses;

  FakeEc2Instances(Ec2Support support, FakeEc2InstanceViews views, FakeEc2InstanceLaunch launch, FakeEc2Addresses addresses) {
    this.s = support;
    this.views = views;
    this.launch = launch;
    this.addresses = addresses;
    SandboxAccount a = support.account;
    a.registerDependents("ec2", "subnet", id -> dependents(i -> id.equals(i.subnetId)));
    a.registerDependents("ec2", "security-group", id -> dependents(i -> i.groupIds.contains(id)));
    a.registerDependents("ec2", "vpc", id -> dependents(i -> id.equals(i.vpcId)));
    a.registerDependents("ec2", "vpc-public-addresses", id -> dependents(i -> id.equals(i.vpcId) && i.publicIp != null));
  }

  RunInstancesResponse runInstances(RunInstancesRequest r) {
    dryRun(r.dryRun());
    Ec2State st = s.state();
    settle(st);
    String tokenKey = null;
    String fingerprint = fingerprint(r);
    if (r.clientToken() != null) {
      if (r.clientToken().isEmpty() || r.clientToken().length() > 64
          || !StandardCharsets.US_ASCII.newEncoder().canEncode(r.clientToken())) {
        throw Ec2Support.invalidParameter("Value (" + r.clientToken() + ") for parameter clientToken is invalid.");
      }
      tokenKey = "RunInstances " + r.clientToken();
      Ec2State.ClientTokenRec prior = st.clientTokens.get(tokenKey);
      if (prior != null) {
        if (!prior.fingerprint.equals(fingerprint)) {
          throw error("IdempotentParameterMismatch",
              "Arguments on this idempotent request are inconsistent with arguments used in previous request(s).");
        }
        // The same answer as the first time, in today's state (a terminated instance included).
        return reservation(st, prior.resourceId);
      }
    }
    InstanceRec i = launch.launch(st, r);
    if (tokenKey != null) {
      Ec2State.ClientTokenRec t = new Ec2State.ClientTokenRec();
      t.fingerprint = fingerprint;
      t.resourceId = i.reservationId;
      st.clientTokens.put(tokenKey, t);
    }
    return reservation(st, i.reservationId);
  }

  DescribeInstancesResponse describeInstances(DescribeInstancesRequest r) {
    dryRun(r.dryRun());
    Ec2State st = s.state();
    var fields = views.filters(st);
    Ec2Support.checkFilters(r.filters(), fields.keySet());
    boolean byId = r.hasInstanceIds() && !r.instanceIds().isEmpty();
    if (byId && r.maxResults() != null) {
      throw Ec2Support.invalidParameter("The parameter instancesSet cannot be used with the parameter maxResults");
    }
    List<InstanceRec> candidates = new ArrayList<>();
    if (byId) {
      for (String id : new LinkedHashSet<>(r.instanceIds())) candidates.add(visible(st, id));
    } else {
      for (InstanceRec i : st.instances.values()) if (views.visible(i)) candidates.add(i);
    }
    List<InstanceRec> found = candidates.stream().filter(i -> Ec2Support.matches(i, r.filters(), fields)).toList();
    Page<InstanceRec> p = Ec2Support.page(found, r.maxResults(), r.nextToken(), 5);
    Map<String, List<InstanceRec>> byReservation = new LinkedHashMap<>();
    for (InstanceRec i : p.items()) byReservation.computeIfAbsent(i.reservationId, k -> new ArrayList<>()).add(i);
    List<Reservation> out = new ArrayList<>();
    byReservation.forEach((rid, list) -> out.add(Reservation.builder().reservationId(rid).ownerId(s.owner())
        .groups(List.of()).instances(list.stream().map(i -> views.toInstance(st, i)).toList()).build()));
    return DescribeInstancesResponse.builder().reservations(out).nextToken(p.nextToken()).build();
  }

  TerminateInstancesResponse terminateInstances(TerminateInstancesRequest r) {
    dryRun(r.dryRun());
    Ec2State st = s.state();
    settle(st);
    List<InstanceRec> targets = targets(st, r.instanceIds());
    List<InstanceStateChange> out = new ArrayList<>();
    for (InstanceRec i : targets) {
      String before = i.state;
      if (!before.equals("terminated") && !before.equals("shutting-down")) enter(i, "shutting-down");
      out.add(change(i, before));
    }
    return TerminateInstancesResponse.builder().terminatingInstances(out).build();
  }

  StopInstancesResponse stopInstances(StopInstancesRequest r) {
    dryRun(r.dryRun());
    if (Boolean.TRUE.equals(r.hibernate())) throw Ec2Support.unsupported("StopInstances with hibernation");
    Ec2State st = s.state();
    settle(st);
    List<InstanceRec> targets = targets(st, r.instanceIds());
    for (InstanceRec i : targets) {
      if (!List.of("running", "stopping", "stopped").contains(i.state)) {
        throw error("IncorrectInstanceState", "This instance '" + i.id + "' is not in a state from which it can be stopped.");
      }
    }
    List<InstanceStateChange> out = new ArrayList<>();
    for (InstanceRec i : targets) {
      String before = i.state;
      if (before.equals("running")) {
        enter(i, "stopping");
        i.publicIp = null;  // an auto-assigned public address does not survive a stop
      }
      out.add(change(i, before));
    }
    return StopInstancesResponse.builder().stoppingInstances(out).build();
  }

  StartInstancesResponse startInstances(StartInstancesRequest r) {
    dryRun(r.dryRun());
    Ec2State st = s.state();
    settle(st);
    List<InstanceRec> targets = targets(st, r.instanceIds());
    for (InstanceRec i : targets) {
      if (!List.of("pending", "running", "stopped").contains(i.state)) {
        throw error("IncorrectInstanceState", "The instance '" + i.id + "' is not in a state from which it can be started.");
      }
    }
    List<InstanceStateChange> out = new ArrayList<>();
    for (InstanceRec i : targets) {
      String before = i.state;
      if (before.equals("stopped")) {
        enter(i, "pending");
        if (i.associatePublicIp) i.publicIp = addresses.allocatePublicIp(st);
      }
      out.add(change(i, before));
    }
    return StartInstancesResponse.builder().startingInstances(out).build();
  }

  /** An instance a caller may act on: existing, visible and not long gone. */
  InstanceRec visible(Ec2State st, String id) {
    InstanceRec i = Ec2Support.require(st.instances, Kind.INSTANCE, id);
    if (!views.visible(i)) throw Kind.INSTANCE.notFound(id);
    return i;
  }

  /** Like {@link #visible} but for mutations, which work during the consistency lag. */
  InstanceRec existing(Ec2State st, String id) {
    InstanceRec i = Ec2Support.require(st.instances, Kind.INSTANCE, id);
    if (views.terminated(i) && !Instant.parse(i.stateSince).plus(FakeEc2InstanceViews.TERMINATED_VISIBLE).isAfter(s.account.now())) {
      throw Kind.INSTANCE.notFound(id);
    }
    return i;
  }

  /**
   * Makes the lazily computed states durable before a mutation, releases what terminated instances held,
   * and forgets instances (and their client tokens) a day after they ended.
   */
  void settle(Ec2State st) {
    Instant now = s.account.now();
    for (InstanceRec i : st.instances.values()) {
      String eff = views.state(i);
      if (eff.equals(i.state)) continue;
      enter(i, eff);
      if (eff.equals("terminated")) {
        i.publicIp = null;
        st.iamAssociations.values().removeIf(a -> a.instanceId.equals(i.id));
        st.volumes.values().removeIf(v -> i.id.equals(v.instanceId) && v.deleteOnTermination);
        st.volumes.values().forEach(v -> { if (i.id.equals(v.instanceId)) v.instanceId = null; });
      }
    }
    List<String> gone = st.instances.values().stream()
        .filter(i -> i.state.equals("terminated") && !Instant.parse(i.stateSince).plus(TOKEN_VALIDITY).isAfter(now))
        .map(i -> i.reservationId).toList();
    st.instances.values().removeIf(i -> gone.contains(i.reservationId));
    st.clientTokens.values().removeIf(t -> gone.contains(t.resourceId));
  }

  private List<String> dependents(Predicate<InstanceRec> p) {
    List<String> out = new ArrayList<>();
    for (InstanceRec i : s.state().instances.values()) {
      if (!views.terminated(i) && p.test(i)) out.add("network interface " + i.networkInterfaceId + " of instance " + i.id);
    }
    return out;
  }

  private List<InstanceRec> targets(Ec2State st, List<String> ids) {
    if (ids == null || ids.isEmpty()) throw missing("InstanceId");
    List<InstanceRec> out = new ArrayList<>();
    for (String id : new LinkedHashSet<>(ids)) out.add(existing(st, id));
    return out;
  }

  private void enter(InstanceRec i, String state) {
    i.state = state;
    i.stateSince = s.now();
    if (state.equals("stopping") || state.equals("shutting-down")) {
      i.stateTransitionReason = "User initiated (" + s.now() + ")";
    } else if (state.equals("pending")) {
      i.stateTransitionReason = "";
    }
  }

  private InstanceStateChange change(InstanceRec i, String before) {
    return InstanceStateChange.builder().instanceId(i.id).previousState(FakeEc2InstanceViews.sdkState(before))
        .currentState(FakeEc2InstanceViews.sdkState(i.state)).build();
  }

  private RunInstancesResponse reservation(Ec2State st, String reservationId) {
    List<Instance> list = st.instances.values().stream().filter(i -> i.reservationId.equals(reservationId))
        .map(i -> views.toInstance(st, i)).toList();
    return RunInstancesResponse.builder().reservationId(reservationId).ownerId(s.owner()).groups(List.of())
        .instances(list).build();
  }

  /** What makes two requests "the same" for the client token (user data included, which toString hides). */
  private static String fingerprint(RunInstancesRequest r) {
    String text = r.toBuilder().clientToken(null).build().toString() + "|" + r.userData();
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
