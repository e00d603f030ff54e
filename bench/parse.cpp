// SPDX-License-Identifier: MIT
// Parsing and serialising benchmarks: style strings, CI rules, Pic-Operations JSON and the
// response bodies of tests/vectors/responses.json (copied here so the binary needs no files).
// Parsers report bytes/s (SetBytesProcessed) and "allocs", operator new calls per iteration.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "alloc_counter.hpp"
#include "objproc/cos/pic_operations.hpp"
#include "objproc/cos/results.hpp"
#include "objproc/cos/rule.hpp"
#include "objproc/oss/results.hpp"
#include "objproc/oss/style.hpp"

namespace oss = objproc::oss;
namespace ci = objproc::cos;
using objproc_bench::alloc_meter;

namespace {

[[noreturn]] void die(const char* what) {
  std::fprintf(stderr, "objproc bench: %s\n", what);
  std::abort();
}

// Runs `parse(text)` per iteration; it must succeed. Reports bytes/s and allocations.
template <class Parse>
void parse_bench(benchmark::State& state, std::string_view text, Parse parse) {
  const alloc_meter meter;
  for (auto _ : state) {
    auto r = parse(text);
    if (!r) die("a seed input did not parse");
    benchmark::DoNotOptimize(r);
  }
  meter.report(state);
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(text.size()));
}

// The process strings of operations.json and signing.json.
constexpr std::string_view styles[] = {
    "image/resize,m_fixed,w_100,h_100|sys/saveas,o_ZXhhbXBsZWRpci9yZXNpemVkLmpwZw,"
    "b_dGFyZ2V0YnVja2V0",
    "image/resize,m_fill,w_200,h_200/quality,q_80/format,webp",
    "doc/convert,target_png,source_docx|sys/saveas,o_ZGVzdC5wbmc,b_ZXhhbXBsZWJ1Y2tldA/"
    "notify,topic_dGVzdC10b3BpYw",
    "video/convert,f_mp4,vcodec_h264,fps_30,s_1280x720,acodec_aac|sys/saveas,"
    "o_dmlkZW8vb3V0Lm1wNA,b_ZXhhbXBsZWJ1Y2tldA",
};

// The CI rules of operations.json and signing.json.
constexpr std::string_view rules[] = {
    "imageView2/format/png",
    "imageMogr2/thumbnail/!50p",
    "imageMogr2/thumbnail/!50p/format/webp",
    "watermark/2/text/6IW-6K6v5LqR/fill/IzNEM0QzRA/gravity/southeast",
};

void parse_style(benchmark::State& state) {
  const std::string_view text = styles[state.range(0)];
  parse_bench(state, text, [](std::string_view t) { return oss::parse_style(t); });
}
BENCHMARK(parse_style)->DenseRange(0, std::size(styles) - 1);

void parse_rule(benchmark::State& state) {
  const std::string_view text = rules[state.range(0)];
  parse_bench(state, text, [](std::string_view t) { return ci::parse_rule(t); });
}
BENCHMARK(parse_rule)->DenseRange(0, std::size(rules) - 1);

// A checked literal converted to its value at run time: a copy of what the compile-time parse
// kept, set beside parse_style/1 and parse_rule/2 (the same texts).
void literal_to_style(benchmark::State& state) {
  using namespace objproc::literals;
  oss::style_string literal = "image/resize,m_fill,w_200,h_200/quality,q_80/format,webp"_oss;
  for (auto _ : state) {
    benchmark::DoNotOptimize(literal);  // converted from the literal each time
    oss::style s = literal;
    benchmark::DoNotOptimize(s);
  }
}
BENCHMARK(literal_to_style);

void literal_to_rule(benchmark::State& state) {
  using namespace objproc::literals;
  ci::rule_string literal = "imageMogr2/thumbnail/!50p/format/webp"_ci;
  for (auto _ : state) {
    benchmark::DoNotOptimize(literal);
    ci::rule r = literal;
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(literal_to_rule);

// operations.json "cos-ci-image-process-seed" (0) and "...-two-rules-escaping" (1).
ci::pic_operations pic_operations_seed(int which) {
  if (which == 0)
    return {.is_pic_info = true,
            .rules = {{.fileid = "format.png", .rule = "imageView2/format/png"}}};
  return {
      .is_pic_info = false,
      .rules = {{.fileid = "/thumbs/a \"q\".webp", .rule = "imageMogr2/thumbnail/!50p/format/webp"},
                {.bucket = "otherbucket-1250000000",
                 .fileid = "wm.jpg",
                 .rule = "watermark/2/text/6IW-6K6v5LqR/fill/IzNEM0QzRA/gravity/southeast"}}};
}

void pic_operations_to_json(benchmark::State& state) {
  const ci::pic_operations ops = pic_operations_seed(static_cast<int>(state.range(0)));
  const alloc_meter meter;
  std::size_t bytes = 0;
  for (auto _ : state) {
    auto json = ci::to_json(ops);
    if (!json) die("to_json");
    bytes += json->size();
    benchmark::DoNotOptimize(json);
  }
  meter.report(state);
  state.SetBytesProcessed(static_cast<std::int64_t>(bytes));
}
BENCHMARK(pic_operations_to_json)->Arg(0)->Arg(1);

void parse_pic_operations(benchmark::State& state) {
  const auto json = ci::to_json(pic_operations_seed(static_cast<int>(state.range(0))));
  if (!json) die("to_json");
  parse_bench(state, *json, [](std::string_view t) { return ci::parse_pic_operations(t); });
}
BENCHMARK(parse_pic_operations)->Arg(0)->Arg(1);

// responses.json bodies.
constexpr std::string_view process_object_ok =
    "{\n    \"bucket\": \"targetbucket\",\n    \"fileSize\": 12,\n    \"object\": "
    "\"exampledir/resized.jpg\",\n    \"status\": \"OK\"}";
constexpr std::string_view async_process_ok =
    "{\"EventId\":\"181-1kZUlN60OH4fWOcOjZEnGnG****\",\"RequestId\":\"1D99637F-F59E-5B41-9200-"
    "C4892F52****\",\"TaskId\":\"MediaConvert-e4a737df-69e9-4fca-8d9b-17c40ea4****\"}";
constexpr std::string_view oss_error_signature =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error>\n  <Code>SignatureDoesNotMatch</Code>\n "
    " <Message>The request signature we calculated does not match the signature you provided. "
    "Check your key and signing method.</Message>\n  <RequestId>5C3D9175B6FC201293AD****</"
    "RequestId>\n  <HostId>examplebucket.oss-cn-hangzhou.aliyuncs.com</HostId>\n  "
    "<OSSAccessKeyId>LTAI5tExampleAK</OSSAccessKeyId>\n  "
    "<SignatureProvided>b844b952f0d0f5af801cc10abe2d43b5b64b2d6966c548b679e761f4b1662a69</"
    "SignatureProvided>\n  <StringToSign>OSS4-HMAC-SHA256\n20261121T080000Z\n20261121/cn-hangzhou/"
    "oss/aliyun_v4_request\n1f1c...</StringToSign>\n  <EC>0002-00000040</EC>\n</Error>\n";
constexpr std::string_view cos_upload_result =
    "<UploadResult>\n    <OriginalInfo>\n        <Key>local.jpg</Key>\n        "
    "<Location>examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com/local.jpg</Location>\n     "
    "   <ImageInfo>\n            <Format>JPEG</Format>\n            <Width>300</Width>\n          "
    "  <Height>168</Height>\n            <Quality>74</Quality>\n            <Ave>0x1a3451</Ave>\n  "
    "          <Orientation>0</Orientation>\n        </ImageInfo>\n        "
    "<ETag>&quot;aff1b996bcc63a0f0259df0de2fa989f38c5ce7e&quot;</ETag>\n    </OriginalInfo>\n    "
    "<ProcessResults>\n        <Object>\n            <Key>format.png</Key>\n            "
    "<Location>examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com/format.png</Location>\n     "
    "       <Format>png</Format>\n            <Width>300</Width>\n            "
    "<Height>168</Height>\n            <Size>77063</Size>\n            <Quality>74</Quality>\n     "
    "       <ETag>&quot;a07dc5bcfa238e7d23d2d5884da4ac328aaaa9c6&quot;</ETag>\n        "
    "</Object>\n    </ProcessResults>\n</UploadResult>\n";
constexpr std::string_view cos_error_signature =
    "<?xml version='1.0' encoding='utf-8' ?>\n<Error>\n\t<Code>SignatureDoesNotMatch</Code>\n\t"
    "<Message>The Signature you specified is invalid.</Message>\n\t"
    "<Resource>examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com/local.jpg</Resource>\n\t"
    "<RequestId>NjQ0ZjdlNDRfMjRhMjNiMDlfMmE1OV8x****</RequestId>\n\t"
    "<TraceId>OGVmYzZiMmQzYjA2OWNhODk0NTRkMTBiOWVmMDAxODc0OWRkZjk0ZDM1NmI1M2E2MTRlY2MzZDhmNmI5MW"
    "I1OTBjYzE2MjAxN2M1MzJiOTdkZjMxMDVlYTZjN2FiMmI0****</TraceId>\n\t<StringToSign>sha1\n"
    "1795248000;1795251600\n8a7d2c...\n</StringToSign>\n\t<FormatString>post\n/local.jpg\n"
    "image_process=\ncontent-length=0&amp;host=examplebucket-1250000000.cos.ap-guangzhou."
    "myqcloud.com\n</FormatString>\n</Error>";

void parse_process_result(benchmark::State& state) {
  parse_bench(state, process_object_ok, [](std::string_view t) {
    return oss::parse_process_result(t, "64F0A3B1C2D3E4F5A6B7****");
  });
}
BENCHMARK(parse_process_result);

void parse_async_process_result(benchmark::State& state) {
  parse_bench(state, async_process_ok, [](std::string_view t) {
    return oss::parse_async_process_result(t, "EC80A1B2C3D4E5F6A7B8****");
  });
}
BENCHMARK(parse_async_process_result);

void parse_upload_result(benchmark::State& state) {
  parse_bench(state, cos_upload_result,
              [](std::string_view t) { return ci::parse_upload_result(t); });
}
BENCHMARK(parse_upload_result);

void parse_oss_error(benchmark::State& state) {
  parse_bench(state, oss_error_signature,
              [](std::string_view t) { return oss::parse_error(t, 403); });
}
BENCHMARK(parse_oss_error);

void parse_cos_error(benchmark::State& state) {
  parse_bench(state, cos_error_signature, [](std::string_view t) { return ci::parse_error(t); });
}
BENCHMARK(parse_cos_error);

}  // namespace
