package io.sorterbot.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the engine must know about a kind beyond its properties, declared by the kind as data. The engine
 * reads hints and never names a kind or one of its properties.
 *
 * @param global        one per account, not per region (IAM): the region that applied it is recorded on it
 * @param pathProperty  a property naming a path discovery must list besides the default one (IAM), or null
 * @param publicWhen    a property that makes the resource publicly reachable unless it is literally false, or null
 * @param needsGatewayWhenPublic creating it publicly reachable needs the internet gateway of its network first
 *                      (RDS answers InvalidVPCNetworkStateFault), though nothing in the file says so
 * @param gatewayOf     this kind connects the network its property of this name references to the internet
 *                      (AWS refuses to detach it while public addresses are mapped there), or null
 * @param routesOf      this kind routes the traffic of the network its property of this name references, or null
 * @param copies        whether a new copy can exist beside the old one, which create-before-destroy needs
 * @param uniqueBy      with {@link Copies#WHEN_KEY_CHANGES}: two copies must differ in one of these properties
 * @param refs          how the references in a property hold their target; unlisted properties are
 *                      {@link RefHold#BINDING}
 * @param echoes        attribute → the property it always equals (a name): known at plan time from the file
 */
public record KindHints(boolean global, String pathProperty, String publicWhen, boolean needsGatewayWhenPublic,
                        String gatewayOf, String routesOf, Copies copies, Set<String> uniqueBy,
                        Map<String, RefHold> refs, Map<String, String> echoes) {

  /** Whether two live copies of one resource may exist at once (create before destroy). */
  public enum Copies {
    /** Nothing makes two copies collide (a VPC, an instance): always create the new one first. */
    ALWAYS,
    /** Two copies collide unless one of {@code uniqueBy} differs (a name): create first only when it changes. */
    WHEN_KEY_CHANGES,
    /** Never two at once (what the old copy removes on delete would take the new one's with it). */
    NEVER
  }

  /** How a reference held in a property keeps its target alive in AWS. */
  public enum RefHold {
    /** AWS refuses to delete the target while this resource references it, and no update can let go first. */
    BINDING,
    /** AWS refuses to delete the target while referenced, but an in-place update can drop the reference and
     * restore it later (a gateway's VPC, a route table's subnets, a profile's role). */
    DETACHABLE,
    /** As BINDING, and moving the reference to a replacement is refused while anything uses this resource
     * (RDS will not drop a DB subnet group's subnet an instance is in): the resource is replaced instead. */
    PINNED_WHILE_USED,
    /** AWS does not check it: the target may go while this still names it (an ARN in a task definition). */
    LOOSE
  }

  public static final KindHints NONE = new KindHints(false, null, null, false, null, null, Copies.ALWAYS, Set.of(),
      Map.of(), Map.of());

  public KindHints {
    uniqueBy = Collections.unmodifiableSet(new TreeSet<>(uniqueBy));
    refs = Collections.unmodifiableMap(new LinkedHashMap<>(refs));
    echoes = Collections.unmodifiableMap(new LinkedHashMap<>(echoes));
  }

  public RefHold hold(String property) { return refs.getOrDefault(property, RefHold.BINDING); }

  /** One per account, not per region (IAM). */
  public KindHints perAccount() {
    return new KindHints(true, pathProperty, publicWhen, needsGatewayWhenPublic, gatewayOf, routesOf, copies, uniqueBy, refs, echoes);
  }

  public KindHints path(String property) {
    return new KindHints(global, property, publicWhen, needsGatewayWhenPublic, gatewayOf, routesOf, copies, uniqueBy, refs, echoes);
  }

  public KindHints publicWhen(String property, boolean needsGateway) {
    return new KindHints(global, pathProperty, property, needsGateway, gatewayOf, routesOf, copies, uniqueBy, refs, echoes);
  }

  public KindHints gatewayOf(String property) {
    return new KindHints(global, pathProperty, publicWhen, needsGatewayWhenPublic, property, routesOf, copies, uniqueBy, refs, echoes);
  }

  public KindHints routesOf(String property) {
    return new KindHints(global, pathProperty, publicWhen, needsGatewayWhenPublic, gatewayOf, property, copies, uniqueBy, refs, echoes);
  }

  /** Two copies may coexist when they differ in one of these properties (a name, a network). */
  public KindHints uniqueBy(String... properties) {
    return new KindHints(global, pathProperty, publicWhen, needsGatewayWhenPublic, gatewayOf, routesOf, Copies.WHEN_KEY_CHANGES,
        Set.of(properties), refs, echoes);
  }

  public KindHints singleCopy() {
    return new KindHints(global, pathProperty, publicWhen, needsGatewayWhenPublic, gatewayOf, routesOf, Copies.NEVER, Set.of(),
        refs, echoes);
  }

  public KindHints refs(RefHold hold, String... properties) {
    Map<String, RefHold> m = new LinkedHashMap<>(refs);
    for (String p : properties) m.put(p, hold);
    return new KindHints(global, pathProperty, publicWhen, needsGatewayWhenPublic, gatewayOf, routesOf, copies, uniqueBy, m, echoes);
  }

  /** Attributes that always equal a property ({@code name} = {@code roleName}), as alternating pairs. */
  public KindHints echoes(String... attributeProperty) {
    Map<String, String> m = new LinkedHashMap<>(echoes);
    for (int i = 0; i < attributeProperty.length; i += 2) m.put(attributeProperty[i], attributeProperty[i + 1]);
    return new KindHints(global, pathProperty, publicWhen, needsGatewayWhenPublic, gatewayOf, routesOf, copies, uniqueBy, refs, m);
  }
}
