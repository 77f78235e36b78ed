package io.sorterbot.jar;

import io.sorterbot.aws.SdkClients;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Run by {@link ShadedJarTest} on the shaded jar's class path (plus this class): builds every client the way
 * sorterbot does and makes one call with each against a local endpoint that refuses everything. Prints, per
 * client, the class of what came back: an AWS service error proves the request was built, signed, sent over
 * url-connection-client and its answer read, all from the jar.
 */
public final class SdkProbe {
  private SdkProbe() {}

  public static void main(String[] args) {
    Map<String, Consumer<SdkClients>> calls = new LinkedHashMap<>();
    calls.put("ec2", c -> c.ec2().describeVpcs());
    calls.put("iam", c -> c.iam().listRoles());
    calls.put("rds", c -> c.rds().describeDBSubnetGroups());
    calls.put("ecs", c -> c.ecs().listClusters());
    calls.put("ecr", c -> c.ecr().describeRepositories());
    calls.put("ssm", c -> c.ssm().describeParameters());
    calls.put("s3", c -> c.s3().listBuckets());
    calls.put("sts", c -> c.sts().getCallerIdentity());
    try (SdkClients clients = new SdkClients("eu-central-1", null, URI.create(args[0]))) {
      calls.forEach((name, call) -> {
        String outcome;
        try {
          call.accept(clients);
          outcome = "answered";
        } catch (Throwable t) {
          outcome = t instanceof software.amazon.awssdk.awscore.exception.AwsServiceException ? "service-error"
              : t.getClass().getName() + ": " + t.getMessage();
        }
        System.out.println(name + " " + outcome);
      });
    }
  }
}
