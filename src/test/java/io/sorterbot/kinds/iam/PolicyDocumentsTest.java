package io.sorterbot.kinds.iam;

import static io.sorterbot.kinds.iam.IamTestSupport.allow;
import static io.sorterbot.kinds.iam.IamTestSupport.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

class PolicyDocumentsTest {

  @Test
  void aMappingAndItsJsonStringAreTheSameDocument() {
    Map<String, Object> yaml = allow(List.of("ec2:DescribeNetworkInterfaces", "ecs:*"), "*");
    String json = "{ \"Version\": \"2012-10-17\",\n \"Statement\": [ {\"Resource\": \"*\", \"Effect\": \"Allow\","
        + " \"Action\": [\"ec2:DescribeNetworkInterfaces\", \"ecs:*\"]} ] }";
    assertThat(PolicyDocuments.canonical(yaml)).isEqualTo(PolicyDocuments.canonical(json));
  }

  @Test
  void awsUrlEncodedAnswerEqualsTheFilesMapping() {
    Map<String, Object> yaml = allow("ecr:*", "*");
    String encoded = SdkHttpUtils.urlEncode("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
        + "\"Action\":\"ecr:*\",\"Resource\":\"*\"}]}");
    assertThat(encoded).startsWith("%7B%22Version%22");
    assertThat(PolicyDocuments.canonical(encoded)).isEqualTo(PolicyDocuments.canonical(yaml));
    assertThat(PolicyDocuments.fromAws(encoded)).isEqualTo(map("Version", "2012-10-17", "Statement",
        List.of(map("Effect", "Allow", "Action", "ecr:*", "Resource", "*"))));
  }

  @Test
  void aOneElementListEqualsItsScalar() {
    assertThat(PolicyDocuments.same(allow("s3:*", "*"), allow(List.of("s3:*"), List.of("*")))).isTrue();
    // the Statement itself may be a single object
    Map<String, Object> single = map("Version", "2012-10-17", "Statement", map("Effect", "Allow", "Action", "s3:*", "Resource", "*"));
    assertThat(PolicyDocuments.same(single, allow("s3:*", "*"))).isTrue();
  }

  @Test
  void actionsResourcesAndStatementsAreSets() {
    assertThat(PolicyDocuments.same(allow(List.of("a:1", "b:2", "a:1"), List.of("arn:x", "arn:y")),
        allow(List.of("b:2", "a:1"), List.of("arn:y", "arn:x")))).isTrue();
    Map<String, Object> s1 = map("Effect", "Allow", "Action", "s3:GetObject", "Resource", "*");
    Map<String, Object> s2 = map("Sid", "Two", "Effect", "Deny", "NotAction", List.of("iam:*", "ec2:*"), "NotResource", "arn:z");
    Map<String, Object> s2reordered = map("NotResource", List.of("arn:z"), "NotAction", List.of("ec2:*", "iam:*"), "Effect", "Deny", "Sid", "Two");
    assertThat(PolicyDocuments.same(map("Version", "2012-10-17", "Statement", List.of(s1, s2)),
        map("Version", "2012-10-17", "Statement", List.of(s2reordered, s1)))).isTrue();
  }

  @Test
  void principalsAndConditionValuesAreSetsPerKey() {
    Map<String, Object> a = map("Statement", List.of(map("Effect", "Allow", "Action", "sts:AssumeRole",
        "Principal", map("Service", List.of("ecs-tasks.amazonaws.com", "ec2.amazonaws.com"), "AWS", "arn:aws:iam::1:root"),
        "Condition", map("StringEquals", map("aws:SourceAccount", List.of("1", "2"))))));
    Map<String, Object> b = map("Statement", List.of(map("Condition", map("StringEquals", map("aws:SourceAccount", List.of("2", "1"))),
        "Principal", map("AWS", List.of("arn:aws:iam::1:root"), "Service", List.of("ec2.amazonaws.com", "ecs-tasks.amazonaws.com")),
        "Action", List.of("sts:AssumeRole"), "Effect", "Allow")));
    assertThat(PolicyDocuments.same(a, b)).isTrue();
    assertThat(PolicyDocuments.same(a, map("Statement", List.of(map("Effect", "Allow", "Action", "sts:AssumeRole",
        "Principal", map("Service", "ec2.amazonaws.com")))))).isFalse();
  }

  @Test
  void anAccountIdPrincipalIsTheAccountsRootArnAsAwsStoresIt() {
    Map<String, Object> given = map("Statement", List.of(map("Effect", "Allow", "Action", "sts:AssumeRole",
        "Principal", map("AWS", List.of("123456789012", "arn:aws:iam::210987654321:role/x")))));
    Map<String, Object> stored = map("Statement", List.of(map("Effect", "Allow", "Action", "sts:AssumeRole",
        "Principal", map("AWS", List.of("arn:aws:iam::210987654321:role/x", "arn:aws:iam::123456789012:root")))));
    assertThat(PolicyDocuments.same(given, stored)).isTrue();
  }

  @Test
  void realDifferencesRemain() {
    assertThat(PolicyDocuments.same(allow("s3:*", "*"), allow("s3:Get*", "*"))).isFalse();
    assertThat(PolicyDocuments.same(allow("s3:*", "*"), allow(List.of("s3:*", "s3:Get*"), "*"))).isFalse();
    Map<String, Object> deny = map("Version", "2012-10-17", "Statement", List.of(map("Effect", "Deny", "Action", "s3:*", "Resource", "*")));
    assertThat(PolicyDocuments.same(allow("s3:*", "*"), deny)).isFalse();
    // lists outside the set-valued keys keep their order
    assertThat(PolicyDocuments.same(map("Statement", List.of(), "X", List.of("a", "b")), map("Statement", List.of(), "X", List.of("b", "a"))))
        .isFalse();
  }

  @Test
  void canonicalIsIdempotent() {
    Object once = PolicyDocuments.canonical(IamTestSupport.trust("ecs-tasks.amazonaws.com"));
    assertThat(PolicyDocuments.canonical(once)).isEqualTo(once);
    assertThat(List.copyOf(((Map<?, ?>) once).keySet())).isEqualTo(List.of("Statement", "Version"));
  }

  @Test
  void aPlusInAnEncodedDocumentStaysAPlus() {
    String doc = "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"arn:aws:s3:::a+b c\"}]}";
    String awsStyle = SdkHttpUtils.urlEncode(doc).replace("%2B", "+");
    assertThat(PolicyDocuments.canonical(awsStyle)).isEqualTo(PolicyDocuments.canonical(doc));
  }

  @Test
  void notADocumentIsLeftAloneForAwsToRefuse() {
    assertThat(PolicyDocuments.canonical("{not json")).isEqualTo("{not json");
    assertThat(PolicyDocuments.toJson("{not json")).isEqualTo("{not json");
  }

  @Test
  void awsGetsCompactJsonInTheFilesOrder() {
    assertThat(PolicyDocuments.toJson(allow("s3:*", "*")))
        .isEqualTo("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}");
    assertThat(PolicyDocuments.toJson("{ \"Version\" : \"2012-10-17\",\n \"Statement\" : [] }"))
        .isEqualTo("{\"Version\":\"2012-10-17\",\"Statement\":[]}");
  }
}
