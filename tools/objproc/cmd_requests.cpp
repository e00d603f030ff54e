// SPDX-License-Identifier: MIT
// tools/objproc/cmd_requests.cpp - the four seed scenarios as commands: process,
// async-process (OSS) and ci-put, ci-process (COS + CI). Each builds one operation from its
// flags, then either prints the signed request (dry run) or sends it (--send).
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include "args.hpp"
#include "commands.hpp"
#include "diagnose.hpp"
#include "environment.hpp"
#include "operation.hpp"
#include "send.hpp"

namespace objproc_cli {

namespace {

constexpr std::string_view credentials_note =
    "Keys come from the environment (OSS_ACCESS_KEY_ID, OSS_ACCESS_KEY_SECRET, OSS_SESSION_TOKEN;\n"
    "COS_SECRET_ID, COS_SECRET_KEY, COS_SESSION_TOKEN or TENCENTCLOUD_*). With keys set the\n"
    "request is sent (needs libcurl); without them, or with --dry-run, the signed request and a\n"
    "curl command are printed, secrets redacted (example keys and a banner when none are set).";

// The flags of each command, in the order --help lists them.
#define OBJPROC_CLI_COMMON_FLAGS                                                      \
  {"region", "R", "region, e.g. cn-hangzhou or ap-guangzhou"},                        \
      {"bucket", "B", "bucket of the source object (COS: BucketName-APPID)"},         \
      {"endpoint", "E", "a custom endpoint host instead of the region's"},            \
      {"key", "K", "the source object's key"},                                        \
      {"time", "UNIX", "signing time in unix seconds (default: now)"},                \
      {"dry-run", "", "print the signed request and a curl command; send nothing"},   \
      {"unchecked", "", "check structure and placement only, not the vocabulary"}, {  \
    "send", "", "send the request (needs libcurl and real keys)"                      \
  }
#define OBJPROC_CLI_OSS_FLAGS                                                      \
  {"style", "S", "process string, e.g. image/resize,m_fixed,w_100,h_100"},         \
      {"target_image", "KEY", "save the result as KEY (adds sys/saveas)"},         \
      {"target_key", "KEY", "same as --target_image"},                             \
      {"target_bucket", "B", "save into bucket B (default: the source bucket)"}, { \
    "signature", "v4|v1", "signature version (default v4)"                         \
  }
#define OBJPROC_CLI_CI_FLAGS                                                     \
  {"rule", "R", "CI rule, e.g. imageView2/format/png"},                          \
      {"fileid", "KEY", "key of the processed result"},                          \
      {"target_bucket", "B", "store the result in bucket B (BucketName-APPID)"}, \
      {"pic-info", "0|1", "also describe the source image (default 1)"}, {       \
    "expires", "SECONDS", "signature validity window (default 3600)"             \
  }

#define OBJPROC_CLI_OSS_OPTIONS                                                       \
  {"request-payer", "requester", "x-oss-request-payer (a requester-pays bucket)"}, {  \
    "content-md5", "", "send Content-MD5, computed over the (form-encoded) body sent" \
  }

constexpr flag_spec process_flags[] = {OBJPROC_CLI_COMMON_FLAGS, OBJPROC_CLI_OSS_FLAGS,
                                       OBJPROC_CLI_OSS_OPTIONS};
constexpr flag_spec async_flags[] = {
    OBJPROC_CLI_COMMON_FLAGS,
    OBJPROC_CLI_OSS_FLAGS,
    OBJPROC_CLI_OSS_OPTIONS,
    {"notify-topic", "TOPIC", "SMQ/MNS topic told when the task ends (adds sys/notify)"}};
constexpr flag_spec ci_put_flags[] = {
    OBJPROC_CLI_COMMON_FLAGS,
    OBJPROC_CLI_CI_FLAGS,
    {"file", "PATH", "the local file to upload"},
    {"content-type", "TYPE", "Content-Type of the upload (sent and signed)"},
    {"acl", "ACL",
     "x-cos-acl: default, private, public-read, authenticated-read,\n"
     "                            bucket-owner-read or bucket-owner-full-control"},
    {"grant-read", "IDS", "x-cos-grant-read: id=\"UIN\"[,id=\"UIN\"...]"},
    {"grant-read-acp", "IDS", "x-cos-grant-read-acp (same form)"},
    {"grant-write-acp", "IDS", "x-cos-grant-write-acp (same form)"},
    {"grant-full-control", "IDS", "x-cos-grant-full-control (same form)"},
    {"storage-class", "CLASS",
     "x-cos-storage-class: STANDARD, STANDARD_IA, ARCHIVE, DEEP_ARCHIVE,\n"
     "                            INTELLIGENT_TIERING, MAZ_STANDARD, MAZ_STANDARD_IA,\n"
     "                            MAZ_INTELLIGENT_TIERING"},
    {"expires-at", "TIME",
     "Expires header: unix seconds or an RFC 1123 date\n"
     "                            (\"Sat, 21 Nov 2026 08:00:00 GMT\"); not --expires"},
    {"cache-control", "TEXT", "Cache-Control, e.g. max-age=86400"},
    {"content-disposition", "TEXT", "Content-Disposition, e.g. attachment; filename=\"a.jpg\""},
    {"content-encoding", "TEXT", "Content-Encoding, e.g. gzip"},
    {"content-language", "TEXT", "Content-Language, e.g. zh-CN"},
    {"content-md5", "B64|auto", "Content-MD5: the base64 value, or auto to compute it from --file"},
    {"meta", "KEY=VALUE", "x-cos-meta-KEY: VALUE (KEY: a-z, 0-9, '-')", true},
    {"traffic-limit", "BITS", "x-cos-traffic-limit in bit/s, 819200 to 838860800"}};
constexpr flag_spec ci_process_flags[] = {OBJPROC_CLI_COMMON_FLAGS, OBJPROC_CLI_CI_FLAGS};

struct command_spec {
  std::string_view name;
  op_kind kind;
  provider vendor;
  std::span<const flag_spec> flags;
  std::string_view usage;
  std::string_view summary;
};

// Reads a whole file (binary); false when it cannot be read.
bool read_file(const std::string& path, std::string& out) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) return false;
  char buffer[1 << 16];
  std::size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, f)) > 0) out.append(buffer, n);
  const bool ok = std::ferror(f) == 0;
  std::fclose(f);
  return ok;
}

std::size_t no_bytes(void*, std::span<std::byte>) noexcept { return 0; }

// --expires-at: unix seconds, or an RFC 1123 date.
std::optional<std::chrono::sys_seconds> parse_expires_at(std::string_view text) {
  if (!text.empty() && text.front() >= '0' && text.front() <= '9') return parse_unix_time(text);
  auto date = objproc::parse_rfc1123(text);
  if (!date) return std::nullopt;
  return *date;
}

// The ci-put options from their flags; a usage problem, or nullopt.
std::optional<std::string> read_put_options(const parsed_args& args, operation_input& in) {
  const auto text = [&](std::string_view flag, std::optional<std::string>& out) {
    if (auto v = args.get(flag)) out = std::string(*v);
  };
  text("acl", in.acl);
  text("grant-read", in.grant_read);
  text("grant-read-acp", in.grant_read_acp);
  text("grant-write-acp", in.grant_write_acp);
  text("grant-full-control", in.grant_full_control);
  text("storage-class", in.storage_class);
  text("cache-control", in.cache_control);
  text("content-disposition", in.content_disposition);
  text("content-encoding", in.content_encoding);
  text("content-language", in.content_language);
  if (auto v = args.get("content-md5")) {
    if (*v == "auto")
      in.compute_md5 = true;
    else
      in.content_md5 = std::string(*v);
  }
  if (auto v = args.get("expires-at")) {
    in.expires_at = parse_expires_at(*v);
    if (!in.expires_at)
      return "--expires-at takes unix seconds or an RFC 1123 date (Sat, 21 Nov 2026 08:00:00 GMT)";
  }
  if (auto v = args.get("traffic-limit")) {
    std::int64_t bits = 0;
    const auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), bits);
    if (v->empty() || ec != std::errc{} || end != v->data() + v->size())
      return "--traffic-limit takes a number of bits per second (819200 to 838860800)";
    in.traffic_limit = bits;
  }
  for (const std::string_view m : args.get_all("meta")) {
    const std::size_t equals = m.find('=');
    if (equals == std::string_view::npos) return "--meta takes KEY=VALUE";
    in.meta.emplace_back(std::string(m.substr(0, equals)), std::string(m.substr(equals + 1)));
  }
  return std::nullopt;
}

// 'text' for a POSIX shell: a quote inside becomes '\''.
std::string shell_quoted(std::string_view text) {
  std::string out = "'";
  for (const char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  out += '\'';
  return out;
}

// CRLF -> LF: the log form is HTTP text, a terminal wants lines.
std::string as_lines(std::string text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i)
    if (!(text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n')) out += text[i];
  return out;
}

void print_dry_run(const objproc::http::request& request, const std::string& file) {
  objproc::http::request shown = request;
  std::string curl_tail;
  if (!file.empty()) {
    // An uploaded file is shown by size and sent from the file, not dumped on the terminal.
    (void)shown.set_body(objproc::http::body_source{request.body_size(), nullptr, &no_bytes});
    curl_tail = " < " + shell_quoted(file);
  }
  std::printf("--- signed request (secrets redacted) ---\n%s\n",
              as_lines(shown.to_string()).c_str());
  std::string curl = shown.to_curl();
  if (!curl_tail.empty()) {
    // The streamed body reads stdin (@-): feed it the file.
    const std::size_t comment = curl.find(" # ");
    curl = curl.substr(0, comment) + curl_tail;
  }
  std::printf("--- curl ---\n%s\n", curl.c_str());
}

int run_request(const command_spec& spec, std::span<char* const> args) {
  const std::string command(spec.name);
  std::string problem;
  const auto parsed = parse_args(args, spec.flags, 0, problem);
  if (!parsed) return usage_error(command, problem);
  if (parsed->help) {
    std::string text = help_text(spec.usage, spec.summary, spec.flags);
    text += "\n";
    text += credentials_note;
    text += "\n";
    std::fputs(text.c_str(), stdout);
    return exit_ok;
  }
  if (parsed->has("dry-run") && parsed->has("send"))
    return usage_error(command, "--dry-run and --send exclude each other");
  if (parsed->has("send") && !can_send()) return report_no_transport();
  const bool oss = spec.vendor == provider::oss;
  for (const char* required : {"region", "bucket", "key"})
    if (!parsed->has(required))
      return usage_error(command, "--" + std::string(required) + " is required");
  constexpr std::string_view oss_required[] = {"style"};
  constexpr std::string_view cos_required[] = {"rule", "fileid"};
  for (const std::string_view required : oss ? std::span<const std::string_view>(oss_required)
                                             : std::span<const std::string_view>(cos_required))
    if (!parsed->has(required))
      return usage_error(command, "--" + std::string(required) + " is required");
  if (spec.kind == op_kind::ci_put_object && !parsed->has("file"))
    return usage_error(command, "--file is required");
  if (parsed->has("target_image") && parsed->has("target_key"))
    return usage_error(command, "--target_image and --target_key are the same flag: give one");

  operation_input in;
  in.vendor = spec.vendor;
  in.kind = spec.kind;
  if (auto bad = read_common_flags(*parsed, in)) return usage_error(command, *bad);
  in.unchecked = parsed->has("unchecked");
  std::string file;
  if (oss) {
    in.style = std::string(*parsed->get("style"));
    const auto target =
        parsed->has("target_image") ? parsed->get("target_image") : parsed->get("target_key");
    if (target) {
      in.save_as =
          save_target{std::string(parsed->get("target_bucket").value_or("")), std::string(*target)};
    } else if (parsed->has("target_bucket")) {
      return usage_error(command, "--target_bucket needs --target_image (the key to save as)");
    }
    if (auto topic = parsed->get("notify-topic")) in.notify_topic = std::string(*topic);
    if (auto payer = parsed->get("request-payer")) in.request_payer = std::string(*payer);
    in.compute_md5 = parsed->has("content-md5");
  } else {
    in.pic_operations.is_pic_info = true;
    if (auto info = parsed->get("pic-info")) {
      if (*info != "0" && *info != "1") return usage_error(command, "--pic-info is 0 or 1");
      in.pic_operations.is_pic_info = *info == "1";
    }
    in.pic_operations.rules.push_back({std::string(parsed->get("target_bucket").value_or("")),
                                       std::string(*parsed->get("fileid")),
                                       std::string(*parsed->get("rule"))});
    if (auto e = parsed->get("expires")) {
      const auto seconds = parse_seconds(*e);
      if (!seconds) return usage_error(command, "--expires takes a positive number of seconds");
      in.expires = *seconds;
    }
    if (spec.kind == op_kind::ci_put_object) {
      file = *parsed->get("file");
      if (!read_file(file, in.body))
        return usage_error(command, "cannot read --file '" + file + "'");
      in.content_type = parsed->get("content-type").value_or("");
      if (auto bad = read_put_options(*parsed, in)) return usage_error(command, *bad);
    }
  }

  // Which mode: an explicit flag, else send when real keys and a transport are both here.
  auto keys = environment_credentials(spec.vendor);
  const bool send = parsed->has("send") || (!parsed->has("dry-run") && keys && can_send());
  if (send && !keys) {
    std::fprintf(stderr, "objproc %s: --send needs credentials: %s\n", command.c_str(),
                 objproc::to_string(keys.error()).c_str());
    return exit_usage;
  }
  in.credentials = keys ? *keys : example_credentials(spec.vendor);
  const build_result built = build(in);
  if (!built.ok) return report_failure(built.failure);
  if (!keys) print_example_banner(spec.vendor, true);
  const objproc::http::request& request = *built.ok->request;
  if (send) return send_and_report(request, spec.kind);
  if (keys && !parsed->has("dry-run"))
    std::fprintf(stderr, "objproc: built without libcurl: dry run only\n");
  print_dry_run(request, file);
  return exit_ok;
}

const command_spec process_spec{
    "process",
    op_kind::process_object,
    provider::oss,
    process_flags,
    "process --region R --bucket B --key K --style S [--target_image KEY [--target_bucket B]]\n"
    "        [--request-payer requester] [--content-md5]",
    "OSS ProcessObject: POST /<key>?x-oss-process, the style applied to a stored object and the\n"
    "result saved with sys/saveas.\n\n"
    "  objproc process --region cn-hangzhou --bucket examplebucket \\\n"
    "      --key exampledir/example.jpg --style image/resize,m_fixed,w_100,h_100 \\\n"
    "      --target_image exampledir/resized.jpg --target_bucket targetbucket"};
const command_spec async_spec{
    "async-process",
    op_kind::async_process_object,
    provider::oss,
    async_flags,
    "async-process --region R --bucket B --key K --style S --target_key KEY [--notify-topic T]\n"
    "        [--request-payer requester] [--content-md5]",
    "OSS AsyncProcessObject: POST /<key>?x-oss-async-process for documents, video and audio;\n"
    "the result is saved with sys/saveas and announced with sys/notify.\n\n"
    "  objproc async-process --region cn-hangzhou --bucket examplebucket \\\n"
    "      --key docs/example.docx --style doc/convert,target_png,source_docx \\\n"
    "      --target_key dest.png --target_bucket examplebucket --notify-topic test-topic"};
const command_spec ci_put_spec{
    "ci-put",
    op_kind::ci_put_object,
    provider::cos,
    ci_put_flags,
    "ci-put --region R --bucket B --key K --file PATH --rule R --fileid KEY [options]",
    "COS + CI upload with processing: PUT /<key> with a Pic-Operations header; the rule's result\n"
    "is stored as --fileid next to the upload. The header options (--acl ... --traffic-limit)\n"
    "are sent only when given, each checked, and signed.\n\n"
    "  objproc ci-put --region ap-guangzhou --bucket examplebucket-1250000000 \\\n"
    "      --key local.jpg --file local.jpg --rule imageView2/format/png --fileid format.png \\\n"
    "      --acl private --storage-class STANDARD_IA --content-md5 auto --meta origin=camera-7"};
const command_spec ci_process_spec{
    "ci-process",
    op_kind::ci_image_process,
    provider::cos,
    ci_process_flags,
    "ci-process --region R --bucket B --key K --rule R --fileid KEY",
    "COS + CI processing of a stored object: POST /<key>?image_process with Pic-Operations.\n\n"
    "  objproc ci-process --region ap-guangzhou --bucket examplebucket-1250000000 \\\n"
    "      --key local.jpg --rule imageView2/format/png --fileid format.png"};

}  // namespace

int run_process(std::span<char* const> args) { return run_request(process_spec, args); }
int run_async_process(std::span<char* const> args) { return run_request(async_spec, args); }
int run_ci_put(std::span<char* const> args) { return run_request(ci_put_spec, args); }
int run_ci_process(std::span<char* const> args) { return run_request(ci_process_spec, args); }

}  // namespace objproc_cli
