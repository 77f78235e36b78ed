package io.sorterbot.sandbox;

import static io.sorterbot.sandbox.Ec2Support.error;
import static io.sorterbot.sandbox.Ec2Support.invalidParameter;

import io.sorterbot.sandbox.Ec2InstanceState.InstanceRec;
import io.sorterbot.sandbox.Ec2State.SubnetRec;
import io.sorterbot.sandbox.Ec2Support.Cidr;
import java.util.HashSet;
import java.util.Set;

/** Private addresses from a subnet's block and auto-assigned public ones, for {@link FakeEc2InstanceLaunch}. */
final class FakeEc2Addresses {
  /** Auto-assigned public addresses come from the documentation range 203.0.113.0/24. */
  private static final long PUBLIC_BASE = Cidr.parse("203.0.113.0/24").network();

  private final FakeEc2InstanceViews views;

  FakeEc2Addresses(FakeEc2InstanceViews views) { this.views = views; }

  /** The requested address (in range, not reserved, free) or the lowest free one of the subnet. */
  String allocatePrivateIp(Ec2State st, SubnetRec sn, String requested) {
    Cidr c = Cidr.parse(sn.cidrBlock);
    long first = c.network() + 4;
    long last = c.network() + c.size() - 2;
    Set<Long> used = new HashSet<>();
    for (InstanceRec i : st.instances.values()) {
      if (sn.id.equals(i.subnetId) && !views.terminated(i)) used.add(Cidr.parse(i.privateIp + "/32").network());
    }
    if (requested != null) {
      Cidr a = Cidr.parse(requested + "/32");
      if (a == null) throw invalidParameter("Invalid value '" + requested + "' for PrivateIpAddress.");
      if (!c.contains(a)) throw invalidParameter("Address " + requested + " does not fall within the subnet's address range");
      if (a.network() < first || a.network() > last) {
        throw invalidParameter("Address " + requested + " is in subnet's reserved address range");
      }
      if (used.contains(a.network())) throw error("InvalidIPAddress.InUse", "Address " + requested + " is in use.");
      return requested;
    }
    for (long x = first; x <= last; x++) if (!used.contains(x)) return ip(x);
    throw error("InsufficientFreeAddressesInSubnet",
        "There are not enough free addresses in subnet '" + sn.id + "' to satisfy the requested number of instances.");
  }

  /** The lowest free address of 203.0.113.0/24 (the documentation range: never a real host). */
  String allocatePublicIp(Ec2State st) {
    Set<String> used = new HashSet<>();
    for (InstanceRec i : st.instances.values()) if (i.publicIp != null && !views.terminated(i)) used.add(i.publicIp);
    for (long x = PUBLIC_BASE + 1; x < PUBLIC_BASE + 255; x++) if (!used.contains(ip(x))) return ip(x);
    throw error("AddressLimitExceeded", "The sandbox's public address range 203.0.113.0/24 is exhausted.");
  }

  static String ip(long a) {
    return ((a >> 24) & 0xff) + "." + ((a >> 16) & 0xff) + "." + ((a >> 8) & 0xff) + "." + (a & 0xff);
  }
}
