package io.sorterbot.kinds.ssm;

import static io.sorterbot.kinds.ssm.SsmTestSupport.ctx;
import static io.sorterbot.kinds.ssm.SsmTestSupport.desired;
import static io.sorterbot.kinds.ssm.SsmTestSupport.error;
import static io.sorterbot.kinds.ssm.SsmTestSupport.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import io.sorterbot.aws.AwsErrors;
import io.sorterbot.kinds.KindContext;
import io.sorterbot.model.LiveResource;
import io.sorterbot.model.PropertyChange;
import io.sorterbot.model.Tags;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.*;

class ParameterFailureTest {
  private final SsmClient ssm = SsmTestSupport.mockSsm();
  private final SsmTestSupport.FakeTicker ticker = new SsmTestSupport.FakeTicker();
  private final KindContext ctx = ctx(ssm, ticker);
  private final ParameterKind kind = new ParameterKind();

  private void exists(String name, String type, String value) {
    doReturn(GetParameterResponse.builder().parameter(p -> p.name(name).type(type).value(value).version(1L)).build())
        .when(ssm).getParameter(any(GetParameterRequest.class));
    doReturn(DescribeParametersResponse.builder().parameters(m -> m.name(name).type(type).version(1L)
        .arn("arn:aws:ssm:eu-central-1:1:parameter" + name).tier(ParameterTier.STANDARD)).build())
        .when(ssm).describeParameters(any(DescribeParametersRequest.class));
    doReturn(ListTagsForResourceResponse.builder().tagList(Tag.builder().key(Tags.SBID).value("SBP").build(),
        Tag.builder().key(Tags.STACK).value(SsmTestSupport.STACK).build()).build())
        .when(ssm).listTagsForResource(any(ListTagsForResourceRequest.class));
  }

  @Test
  void notFoundRightAfterCreateIsRetriedThenSucceeds() {
    doReturn(PutParameterResponse.builder().version(1L).build()).when(ssm).putParameter(any(PutParameterRequest.class));
    exists("/p", "String", "v");
    doThrow(error("ParameterNotFound")).doThrow(error("ParameterNotFound"))
        .doReturn(GetParameterResponse.builder().parameter(p -> p.name("/p").type("String").value("v")).build())
        .when(ssm).getParameter(any(GetParameterRequest.class));

    LiveResource live = kind.create(ctx, desired("SBP", map("name", "/p", "type", "String", "value", "v",
        "description", "d", "tags", Map.of("Name", "p"))));

    assertThat(live.id()).isEqualTo("/p");
    assertThat(live.sbid()).isEqualTo("SBP");
    assertThat(ticker.slept()).isPositive().isLessThan(Duration.ofMinutes(1));
    ArgumentCaptor<PutParameterRequest> put = ArgumentCaptor.forClass(PutParameterRequest.class);
    verify(ssm).putParameter(put.capture());
    assertThat(put.getValue().overwrite()).isNull(); // tags in the create call, so never with overwrite
    assertThat(put.getValue().tags()).contains(Tag.builder().key(Tags.SBID).value("SBP").build(),
        Tag.builder().key(Tags.STACK).value(SsmTestSupport.STACK).build(), Tag.builder().key("Name").value("p").build());
    assertThat(put.getValue().description()).isEqualTo("d");
    assertThat(put.getValue().keyId()).isNull();
  }

  @Test
  void notFoundPastTheBudgetSurfacesTheAwsError() {
    doReturn(PutParameterResponse.builder().version(1L).build()).when(ssm).putParameter(any(PutParameterRequest.class));
    doThrow(error("ParameterNotFound")).when(ssm).getParameter(any(GetParameterRequest.class));
    assertThatThrownBy(() -> kind.create(ctx, desired("SBP", map("name", "/p", "type", "String", "value", "v"))))
        .satisfies(e -> assertThat(AwsErrors.code(e)).isEqualTo("ParameterNotFound"));
    assertThat(ticker.slept()).isGreaterThan(Duration.ofMinutes(1)).isLessThanOrEqualTo(Duration.ofMinutes(2));
  }

  @Test
  void aNameTakenOutsideTheStackIsNotRetriedNorOverwritten() {
    doThrow(error("ParameterAlreadyExists")).when(ssm).putParameter(any(PutParameterRequest.class));
    // the parameter is another stack's: not the work of a create whose answer was lost
    doReturn(software.amazon.awssdk.services.ssm.model.ListTagsForResourceResponse.builder().tagList(
            software.amazon.awssdk.services.ssm.model.Tag.builder().key("SBStack").value("otherstack").build()).build())
        .when(ssm).listTagsForResource(any(software.amazon.awssdk.services.ssm.model.ListTagsForResourceRequest.class));
    assertThatThrownBy(() -> kind.create(ctx, desired("SBP", map("name", "/p", "type", "String", "value", "v"))))
        .satisfies(e -> assertThat(AwsErrors.code(e)).isEqualTo("ParameterAlreadyExists"));
    verify(ssm, times(1)).putParameter(any(PutParameterRequest.class));
    assertThat(ticker.slept()).isZero();
  }

  @Test
  void updateOverwritesWithoutTagsThenSyncsTags() {
    exists("/p", "SecureString", "old");
    doReturn(PutParameterResponse.builder().version(2L).build()).when(ssm).putParameter(any(PutParameterRequest.class));
    doReturn(AddTagsToResourceResponse.builder().build()).when(ssm).addTagsToResource(any(AddTagsToResourceRequest.class));
    doReturn(RemoveTagsFromResourceResponse.builder().build()).when(ssm).removeTagsFromResource(any(RemoveTagsFromResourceRequest.class));
    LiveResource live = new LiveResource("SBP", "ssm.parameter", SsmTestSupport.STACK, "/p", Map.of(), Map.of(),
        Map.of(Tags.SBID, "SBP", Tags.STACK, SsmTestSupport.STACK, "Old", "1"), List.of(), null);

    kind.update(ctx, live, desired("SBP", map("name", "/p", "type", "SecureString", "value", "new", "keyId", "alias/k",
        "tags", Map.of("New", "2"))), List.of(new PropertyChange("value", "old", "new", false),
        new PropertyChange("tags", Map.of("Old", "1"), Map.of("New", "2"), false)));

    ArgumentCaptor<PutParameterRequest> put = ArgumentCaptor.forClass(PutParameterRequest.class);
    verify(ssm).putParameter(put.capture());
    assertThat(put.getValue().overwrite()).isTrue();
    assertThat(put.getValue().hasTags()).isFalse(); // AWS refuses tags with overwrite
    assertThat(put.getValue().value()).isEqualTo("new");
    assertThat(put.getValue().keyId()).isEqualTo("alias/k");
    ArgumentCaptor<AddTagsToResourceRequest> add = ArgumentCaptor.forClass(AddTagsToResourceRequest.class);
    verify(ssm).addTagsToResource(add.capture());
    assertThat(add.getValue().resourceType()).isEqualTo(ResourceTypeForTagging.PARAMETER);
    assertThat(add.getValue().tags()).contains(Tag.builder().key("New").value("2").build(), Tag.builder().key("Project").value("SorterBot").build());
    ArgumentCaptor<RemoveTagsFromResourceRequest> rm = ArgumentCaptor.forClass(RemoveTagsFromResourceRequest.class);
    verify(ssm).removeTagsFromResource(rm.capture());
    assertThat(rm.getValue().tagKeys()).containsExactly("Old");
  }

  @Test
  void aTagOnlyChangeDoesNotWriteANewVersion() {
    exists("/p", "String", "v");
    doReturn(AddTagsToResourceResponse.builder().build()).when(ssm).addTagsToResource(any(AddTagsToResourceRequest.class));
    LiveResource live = new LiveResource("SBP", "ssm.parameter", SsmTestSupport.STACK, "/p", Map.of(), Map.of(),
        Map.of(Tags.SBID, "SBP", Tags.STACK, SsmTestSupport.STACK), List.of(), null);
    kind.update(ctx, live, desired("SBP", map("name", "/p", "type", "String", "value", "v", "tags", Map.of("A", "b"))),
        List.of(new PropertyChange("tags", Map.of(), Map.of("A", "b"), false)));
    verify(ssm, times(0)).putParameter(any(PutParameterRequest.class));
  }

  @Test
  void deleteOfAGoneParameterSucceedsOtherErrorsSurface() {
    LiveResource live = new LiveResource("SBP", "ssm.parameter", SsmTestSupport.STACK, "/p", Map.of(), Map.of(), Map.of(),
        List.of(), null);
    doThrow(ParameterNotFoundException.builder().statusCode(400).awsErrorDetails(
        software.amazon.awssdk.awscore.exception.AwsErrorDetails.builder().errorCode("ParameterNotFound").build()).build())
        .when(ssm).deleteParameter(any(DeleteParameterRequest.class));
    kind.delete(ctx, live);
    doThrow(error("AccessDeniedException")).when(ssm).deleteParameter(any(DeleteParameterRequest.class));
    assertThatThrownBy(() -> kind.delete(ctx, live)).satisfies(e -> assertThat(AwsErrors.code(e)).isEqualTo("AccessDeniedException"));
  }

  @Test
  void aParameterDeletedDuringDiscoveryIsSkipped() {
    doReturn(DescribeParametersResponse.builder().parameters(m -> m.name("/gone").type("String"), m -> m.name("/here").type("String")).build())
        .when(ssm).describeParameters(any(DescribeParametersRequest.class));
    doReturn(GetParametersResponse.builder().parameters(p -> p.name("/here").type("String").value("x"))
        .invalidParameters("/gone").build()).when(ssm).getParameters(any(GetParametersRequest.class));
    doReturn(ListTagsForResourceResponse.builder().tagList(Tag.builder().key(Tags.SBID).value("SBHere").build()).build())
        .when(ssm).listTagsForResource(any(ListTagsForResourceRequest.class));
    List<LiveResource> found = kind.discover(ctx);
    assertThat(found).extracting(LiveResource::id).containsExactly("/here");
    assertThat(found.get(0).stackTag()).isNull();
    ArgumentCaptor<DescribeParametersRequest> req = ArgumentCaptor.forClass(DescribeParametersRequest.class);
    verify(ssm).describeParameters(req.capture());
    assertThat(req.getValue().parameterFilters()).singleElement().satisfies(f -> {
      assertThat(f.key()).isEqualTo("tag:SBID");
      assertThat(f.hasValues()).isFalse();
    });
    ArgumentCaptor<GetParametersRequest> get = ArgumentCaptor.forClass(GetParametersRequest.class);
    verify(ssm).getParameters(get.capture());
    assertThat(get.getValue().withDecryption()).isTrue();
  }
}
