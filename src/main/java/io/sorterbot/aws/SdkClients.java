package io.sorterbot.aws;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Real SDK v2 clients: the region, a profile or the default credential chain, an optional endpoint
 * (--endpoint-url / AWS_ENDPOINT_URL), and one retry strategy: adaptive, with raised attempts, so
 * throttling is absorbed by the SDK rather than by loops of ours. Each client is built on first use.
 */
public final class SdkClients implements AwsClients {
  /** How long a TCP connect may take before the endpoint counts as unreachable. */
  public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);

  private final String region;
  private final AwsCredentialsProvider credentials;
  private final URI endpoint;
  private final RetryListener retries;
  private final SdkHttpClient http;
  private final List<SdkClient> built = new ArrayList<>();
  private final Lazy<Ec2Client> ec2;
  private final Lazy<RdsClient> rds;
  private final Lazy<IamClient> iam;
  private final Lazy<EcsClient> ecs;
  private final Lazy<EcrClient> ecr;
  private final Lazy<SsmClient> ssm;
  private final Lazy<S3Client> s3;
  private final Lazy<StsClient> sts;

  /** @param endpoint null for AWS itself */
  public SdkClients(String region, String profile, URI endpoint) { this(region, profile, endpoint, RetryListener.NONE); }

  /**
   * @param endpoint null for AWS itself
   * @param retries  told of every retry the SDK's strategy makes (through the SDK's call metrics)
   */
  public SdkClients(String region, String profile, URI endpoint, RetryListener retries) {
    this(region, profile != null ? ProfileCredentialsProvider.create(profile) : DefaultCredentialsProvider.builder().build(),
        endpoint, retries);
  }

  /** Clients that sign with {@code credentials} (tests pass static ones rather than touch the environment). */
  public static SdkClients withCredentials(String region, AwsCredentialsProvider credentials, URI endpoint,
                                           RetryListener retries) {
    return new SdkClients(region, credentials, endpoint, retries);
  }

  private SdkClients(String region, AwsCredentialsProvider credentials, URI endpoint, RetryListener retries) {
    this.region = region;
    this.credentials = credentials;
    this.endpoint = endpoint;
    this.retries = retries;
    // AWS answers a connect in well under a second: a few seconds is plenty, and a blackholed endpoint
    // (no route, a firewall dropping packets) fails after IO_ATTEMPTS of them instead of hanging.
    this.http = UrlConnectionHttpClient.builder().connectionTimeout(CONNECT_TIMEOUT)
        .socketTimeout(Duration.ofSeconds(60)).build();
    ec2 = new Lazy<>(() -> configure(Ec2Client.builder(), region).build());
    rds = new Lazy<>(() -> configure(RdsClient.builder(), region).build());
    iam = new Lazy<>(() -> configure(IamClient.builder(), "aws-global").build()); // IAM is global
    ecs = new Lazy<>(() -> configure(EcsClient.builder(), region).build());
    ecr = new Lazy<>(() -> configure(EcrClient.builder(), region).build());
    ssm = new Lazy<>(() -> configure(SsmClient.builder(), region).build());
    s3 = new Lazy<>(() -> configure(S3Client.builder().forcePathStyle(endpoint != null), region).build());
    sts = new Lazy<>(() -> configure(StsClient.builder(), region).build());
  }

  /** The region AWS's own configuration gives (AWS_REGION, the profile's config file...); throws when none. */
  public static String configuredRegion() {
    return new software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain().getRegion().id();
  }

  private <B extends AwsClientBuilder<B, ?> & software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<B, ?>> B configure(B b, String r) {
    ClientOverrideConfiguration.Builder o = ClientOverrideConfiguration.builder()
        .retryStrategy(RetryPolicy.strategy())
        .apiCallTimeout(Duration.ofMinutes(5))
        .addExecutionInterceptor(new EndpointInErrors(endpoint));
    if (retries != RetryListener.NONE) o.addMetricPublisher(new RetryMetrics(retries));
    b.region(Region.of(r)).credentialsProvider(credentials).overrideConfiguration(o.build());
    b.httpClient(http);
    if (endpoint != null) b.endpointOverride(endpoint);
    return b;
  }

  @Override public String region() { return region; }
  @Override public Ec2Client ec2() { return ec2.get(); }
  @Override public RdsClient rds() { return rds.get(); }
  @Override public IamClient iam() { return iam.get(); }
  @Override public EcsClient ecs() { return ecs.get(); }
  @Override public EcrClient ecr() { return ecr.get(); }
  @Override public SsmClient ssm() { return ssm.get(); }
  @Override public S3Client s3() { return s3.get(); }
  @Override public StsClient sts() { return sts.get(); }

  @Override public synchronized void close() {
    built.forEach(SdkClient::close);
    built.clear();
    http.close();
  }

  /** A client built once, on first use, and remembered for close(). */
  private final class Lazy<T extends SdkClient> {
    private final Supplier<T> make;
    private T value;

    Lazy(Supplier<T> make) { this.make = make; }

    T get() {
      synchronized (SdkClients.this) {
        if (value == null) {
          value = make.get();
          built.add(value);
        }
        return value;
      }
    }
  }
}
