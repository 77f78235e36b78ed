package io.sorterbot.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.*;

/**
 * A stateful fake of {@link SsmClient}'s Parameter Store over a {@link SandboxAccount}: PutParameter
 * (create with tags; overwrite bumps the version; tags with overwrite, type changes and tier downgrades
 * refused as AWS does), GetParameter(s) (SecureString values come back as opaque ciphertext without
 * decryption), DescribeParameters ({@code ParameterFilters}, pagination), DeleteParameter, and the tag calls
 * for {@code ResourceType=Parameter}. AWS's public parameters in {@link #PUBLIC_PARAMETERS} answer
 * GetParameter(s) in every region, untagged, read-only and never stored in the account file. Every call goes
 * through the {@link SandboxGate}; any other method keeps the interface's default and throws
 * {@link UnsupportedOperationException}, so nothing passes by accident.
 */
public final class FakeSsm implements SsmClient {
  /** The sandbox's "latest Amazon Linux 2023" AMI, as its public parameter gives it. */
  public static final String AL2023_AMI = "ami-0sandbox0a12023000";
  /** The sandbox's "latest Amazon Linux 2" AMI. */
  public static final String AMZN2_AMI = "ami-0sandbox0b2000000";
  /** AWS-owned public parameters the sandbox answers (ec2.instance resolves {@code resolve:ssm:<name>}). */
  public static final Map<String, String> PUBLIC_PARAMETERS = Map.of(
      "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64", AL2023_AMI,
      "/aws/service/ami-amazon-linux-latest/amzn2-ami-hvm-x86_64-gp2", AMZN2_AMI);

  private final SandboxGate gate;
  private final FakeSsmParameters params;
  private final FakeSsmDescribe describe;

  public FakeSsm(SandboxGate gate) {
    this.gate = gate;
    this.params = new FakeSsmParameters(gate);
    this.describe = new FakeSsmDescribe(params);
  }

  @Override public String serviceName() { return SERVICE_NAME; }

  @Override public void close() {}

  private <T> T mutate(String action, Supplier<T> op) { return gate.call(FakeSsmRules.ERRORS, action, true, op); }

  private <T> T read(String action, Supplier<T> op) { return gate.call(FakeSsmRules.ERRORS, action, false, op); }

  @Override public PutParameterResponse putParameter(PutParameterRequest r) { return mutate("PutParameter", () -> params.put(r)); }

  @Override public GetParameterResponse getParameter(GetParameterRequest r) {
    return read("GetParameter", () -> {
      Parameter p = params.get(r.name(), Boolean.TRUE.equals(r.withDecryption()));
      if (p == null) throw FakeSsmRules.notFound(r.name());
      return GetParameterResponse.builder().parameter(p).build();
    });
  }

  @Override public GetParametersResponse getParameters(GetParametersRequest r) {
    return read("GetParameters", () -> params.getMany(r));
  }

  @Override public DescribeParametersResponse describeParameters(DescribeParametersRequest r) {
    return read("DescribeParameters", () -> describe.describe(r));
  }

  @Override public DescribeParametersResponse describeParameters() {
    return describeParameters(DescribeParametersRequest.builder().build());
  }

  @Override public DeleteParameterResponse deleteParameter(DeleteParameterRequest r) {
    return mutate("DeleteParameter", () -> {
      params.delete(r.name());
      return DeleteParameterResponse.builder().build();
    });
  }

  @Override public AddTagsToResourceResponse addTagsToResource(AddTagsToResourceRequest r) {
    return mutate("AddTagsToResource", () -> {
      params.addTags(r.resourceType(), r.resourceId(), r.hasTags() ? r.tags() : List.of());
      return AddTagsToResourceResponse.builder().build();
    });
  }

  @Override public RemoveTagsFromResourceResponse removeTagsFromResource(RemoveTagsFromResourceRequest r) {
    return mutate("RemoveTagsFromResource", () -> {
      params.removeTags(r.resourceType(), r.resourceId(), r.hasTagKeys() ? r.tagKeys() : List.of());
      return RemoveTagsFromResourceResponse.builder().build();
    });
  }

  @Override public ListTagsForResourceResponse listTagsForResource(ListTagsForResourceRequest r) {
    return read("ListTagsForResource", () -> {
      List<Tag> out = new ArrayList<>();
      params.tagsOf(r.resourceType(), r.resourceId()).forEach((k, v) -> out.add(Tag.builder().key(k).value(v).build()));
      return ListTagsForResourceResponse.builder().tagList(out).build();
    });
  }
}
