package io.sorterbot.sandbox;

import java.util.function.Supplier;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.*;

/**
 * A stateful fake of {@link EcsClient} over a {@link SandboxAccount}: clusters, task definitions (with
 * the defaults AWS fills into container definitions), Fargate services whose tasks come up after the
 * provisioning time, and tags. Every call goes through the {@link SandboxGate}. Methods not overridden
 * keep the interface's default and throw {@link java.lang.UnsupportedOperationException}; paginators work.
 *
 * <p>Clusters and tags live in {@link FakeEcsClusters}, task definitions in {@link FakeEcsTaskDefinitions},
 * services in {@link FakeEcsServices}, their tasks (derived, with the network interfaces that block EC2
 * deletes) in {@link FakeEcsTasks}.
 */
public final class FakeEcs implements EcsClient {
  private final SandboxGate gate;
  private final FakeEcsClusters clusters;
  private final FakeEcsTaskDefinitions taskDefinitions;
  private final FakeEcsServices services;

  public FakeEcs(SandboxGate gate) {
    this.gate = gate;
    FakeEcsSupport support = new FakeEcsSupport(gate);
    this.taskDefinitions = new FakeEcsTaskDefinitions(support);
    FakeEcsTasks tasks = new FakeEcsTasks(support, new FakeEcsRollout(support, taskDefinitions));
    this.services = new FakeEcsServices(support, taskDefinitions, tasks);
    this.clusters = new FakeEcsClusters(support, taskDefinitions, tasks);
    tasks.registerDependents();
  }

  @Override public String serviceName() { return SERVICE_NAME; }

  @Override public void close() {}

  private <T> T mutate(String action, Supplier<T> op) { return gate.call(FakeEcsSupport.ERRORS, action, true, op); }

  private <T> T read(String action, Supplier<T> op) { return gate.call(FakeEcsSupport.ERRORS, action, false, op); }

  // ---- clusters ----

  @Override public CreateClusterResponse createCluster(CreateClusterRequest r) {
    return mutate("CreateCluster", () -> clusters.create(r));
  }

  @Override public DescribeClustersResponse describeClusters(DescribeClustersRequest r) {
    return read("DescribeClusters", () -> clusters.describe(r));
  }

  @Override public ListClustersResponse listClusters(ListClustersRequest r) { return read("ListClusters", () -> clusters.list(r)); }

  @Override public ListClustersResponse listClusters() { return listClusters(ListClustersRequest.builder().build()); }

  @Override public DeleteClusterResponse deleteCluster(DeleteClusterRequest r) {
    return mutate("DeleteCluster", () -> clusters.delete(r));
  }

  // ---- task definitions ----

  @Override public RegisterTaskDefinitionResponse registerTaskDefinition(RegisterTaskDefinitionRequest r) {
    return mutate("RegisterTaskDefinition", () -> taskDefinitions.register(r));
  }

  @Override public DescribeTaskDefinitionResponse describeTaskDefinition(DescribeTaskDefinitionRequest r) {
    return read("DescribeTaskDefinition", () -> taskDefinitions.describe(r));
  }

  @Override public DeregisterTaskDefinitionResponse deregisterTaskDefinition(DeregisterTaskDefinitionRequest r) {
    return mutate("DeregisterTaskDefinition", () -> taskDefinitions.deregister(r));
  }

  @Override public DeleteTaskDefinitionsResponse deleteTaskDefinitions(DeleteTaskDefinitionsRequest r) {
    return mutate("DeleteTaskDefinitions", () -> taskDefinitions.delete(r));
  }

  @Override public ListTaskDefinitionsResponse listTaskDefinitions(ListTaskDefinitionsRequest r) {
    return read("ListTaskDefinitions", () -> taskDefinitions.list(r));
  }

  @Override public ListTaskDefinitionsResponse listTaskDefinitions() {
    return listTaskDefinitions(ListTaskDefinitionsRequest.builder().build());
  }

  @Override public ListTaskDefinitionFamiliesResponse listTaskDefinitionFamilies(ListTaskDefinitionFamiliesRequest r) {
    return read("ListTaskDefinitionFamilies", () -> taskDefinitions.families(r));
  }

  @Override public ListTaskDefinitionFamiliesResponse listTaskDefinitionFamilies() {
    return listTaskDefinitionFamilies(ListTaskDefinitionFamiliesRequest.builder().build());
  }

  // ---- services ----

  @Override public CreateServiceResponse createService(CreateServiceRequest r) {
    return mutate("CreateService", () -> services.create(r));
  }

  @Override public DescribeServicesResponse describeServices(DescribeServicesRequest r) {
    return read("DescribeServices", () -> services.describe(r));
  }

  @Override public ListServicesResponse listServices(ListServicesRequest r) { return read("ListServices", () -> services.list(r)); }

  @Override public ListServicesResponse listServices() { return listServices(ListServicesRequest.builder().build()); }

  @Override public UpdateServiceResponse updateService(UpdateServiceRequest r) {
    return mutate("UpdateService", () -> services.update(r));
  }

  @Override public DeleteServiceResponse deleteService(DeleteServiceRequest r) {
    return mutate("DeleteService", () -> services.delete(r));
  }

  // ---- tags ----

  @Override public TagResourceResponse tagResource(TagResourceRequest r) { return mutate("TagResource", () -> clusters.tag(r)); }

  @Override public UntagResourceResponse untagResource(UntagResourceRequest r) {
    return mutate("UntagResource", () -> clusters.untag(r));
  }

  @Override public ListTagsForResourceResponse listTagsForResource(ListTagsForResourceRequest r) {
    return read("ListTagsForResource", () -> clusters.listTags(r));
  }
}
