// SPDX-License-Identifier: MIT
// tools/objproc/cmd_requests.cpp - the four seed scenarios as commands: process,
// async-process (OSS) and ci-put, ci-process (COS + CI). Each builds one operation from its
// flags, then either prints the signed request (dry run) or sends it (--send).
#include <array>
#include <cerrno>
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>

#if defined(__unix__) || defined(__APPLE__)
#  include <fcntl.h>
#  include <sys/stat.h>
#  include <unistd.h>
#  define OBJPROC_CLI_POSIX 1
#else
#  include <filesystem>
#  define OBJPROC_CLI_POSIX 0
#endif

#include "args.hpp"
#include "commands.hpp"
#include "diagnose.hpp"
#include "environment.hpp"
#include "jsonl.hpp"
#include "operation.hpp"
#include "output.hpp"
#include "send.hpp"

namespace objproc_cli {

namespace {

constexpr std::string_view credentials_note =
    "Nothing is sent without --send: by default the signed request and a curl command are\n"
    "printed, secrets redacted (--json: the jsonl answer instead). Keys come from the environment\n"
    "(OSS_ACCESS_KEY_ID, OSS_ACCESS_KEY_SECRET, OSS_SESSION_TOKEN; COS_SECRET_ID, COS_SECRET_KEY,\n"
    "COS_SESSION_TOKEN or TENCENTCLOUD_*); a dry run without them signs with example keys and\n"
    "says so. --send (needs libcurl and the keys) retries 5xx, 429 (honouring Retry-After),\n"
    "timeouts, resets and a rejected signing time (after correcting the clock), signing each\n"
    "attempt afresh; async-process is retried after sending only with --retry-async (the\n"
    "service may then start a second task); ci-put --file streams the file, so it is retried\n"
    "only when the request never left. '-' and '_' are the same in flag names.\n\n"
    "exit status: 0 success, 1 the operation failed (invalid input, service or transport\n"
    "error), 2 bad usage, 3 the output could not be written (closed pipe, full disk).";

// The flags of each command, in the order --help lists them.
#define OBJPROC_CLI_COMMON_FLAGS                                                           \
  {"region", "R", "region, e.g. cn-hangzhou or ap-guangzhou"},                             \
      {"bucket", "B", "bucket of the source object (COS: BucketName-APPID)"},              \
      {"endpoint", "E", "a custom endpoint host instead of the region's (not empty)"},     \
      {"key", "K", "the source object's key"},                                             \
      {"time", "UNIX", "signing time in unix seconds (default: now)"},                     \
      {"dry-run", "", "print the signed request and a curl command (the default)"},        \
      {"unchecked", "", "check structure and placement only, not the vocabulary"},         \
      {"json", "", "print the signed request, or the result, as one JSON line"},           \
      {"send", "", "send the request (needs libcurl and real keys)"},                      \
      {"timeout", "SECONDS", "--send: limit for each attempt, connect included (120)"},    \
      {"connect-timeout", "SECONDS", "--send: limit for connecting (10)"},                 \
      {"retries", "N", "--send: attempts after the first, 0 to 10 (default 2)"}, {         \
    "retry-async", "", "--send: retry async-process after sending too (may run twice)"     \
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

// The file ci-put uploads, streamed: opened once, checked to be a regular file (a FIFO, a
// device such as /dev/zero or a directory has no size to sign), read by the transport.
class upload_file {
 public:
  upload_file() = default;
  upload_file(const upload_file&) = delete;
  upload_file& operator=(const upload_file&) = delete;
  ~upload_file() {
    if (file_ != nullptr) std::fclose(file_);
  }

  /// Opens `path`; a message naming the problem otherwise.
  std::optional<std::string> open(const std::string& path) {
#if OBJPROC_CLI_POSIX
    // O_NONBLOCK: opening a FIFO with no writer must not wait; cleared once it is known to be
    // a regular file.
    const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) return "cannot open --file '" + path + "': " + std::strerror(errno);
    struct stat info {};
    if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
      const char* what = S_ISDIR(info.st_mode)    ? "a directory"
                         : S_ISFIFO(info.st_mode) ? "a FIFO"
                         : S_ISCHR(info.st_mode)  ? "a character device"
                         : S_ISBLK(info.st_mode)  ? "a block device"
                         : S_ISSOCK(info.st_mode) ? "a socket"
                                                  : "not a regular file";
      ::close(fd);
      return "--file '" + path + "' is " + what +
             ": ci-put uploads a regular file (its size is signed before it is read)";
    }
    const int flags = ::fcntl(fd, F_GETFL);
    if (flags < 0 || ::fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) != 0) {
      ::close(fd);
      return "cannot read --file '" + path + "'";
    }
    file_ = ::fdopen(fd, "rb");
    if (file_ == nullptr) {
      ::close(fd);
      return "cannot read --file '" + path + "'";
    }
    size_ = static_cast<std::uint64_t>(info.st_size);
#else
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec))
      return "--file '" + path + "' is not a regular file (or cannot be read)";
    const auto size = std::filesystem::file_size(path, ec);
    if (ec) return "cannot read --file '" + path + "'";
    file_ = std::fopen(path.c_str(), "rb");
    if (file_ == nullptr) return "cannot open --file '" + path + "'";
    size_ = size;
#endif
    left_ = size_;
    return std::nullopt;
  }

  /// Content-MD5 of the whole file, read once in blocks, then back to its start.
  std::optional<std::string> content_md5(std::string& out) {
    objproc::crypto::md5_context md5;
    std::array<std::byte, 1 << 16> block{};
    std::uint64_t total = 0;
    std::size_t n = 0;
    while ((n = std::fread(block.data(), 1, block.size(), file_)) > 0) {
      md5.update(std::span<const std::byte>(block.data(), n));
      total += n;
    }
    if (std::ferror(file_) != 0 || total != size_ || std::fseek(file_, 0, SEEK_SET) != 0)
      return "--file changed or could not be read while computing Content-MD5";
    out = std::string(objproc::crypto::content_md5(md5.finish()).view());
    return std::nullopt;
  }

  [[nodiscard]] objproc::http::body_source body() noexcept { return {size_, this, &read}; }
  [[nodiscard]] std::uint64_t size() const noexcept { return size_; }

 private:
  static std::size_t read(void* context, std::span<std::byte> out) noexcept {
    auto* self = static_cast<upload_file*>(context);
    const std::size_t want =
        self->left_ < out.size() ? static_cast<std::size_t>(self->left_) : out.size();
    const std::size_t n = want == 0 ? 0 : std::fread(out.data(), 1, want, self->file_);
    self->left_ -= n;
    return n;  // short of the size signed (the file shrank): the transport fails the request
  }

  std::FILE* file_ = nullptr;
  std::uint64_t size_ = 0;
  std::uint64_t left_ = 0;
};

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

// --timeout / --connect-timeout: whole seconds, 1 to a day.
std::optional<std::chrono::milliseconds> parse_timeout(std::string_view text) {
  const auto seconds = parse_seconds(text);
  if (!seconds || seconds->count() > 86400) return std::nullopt;
  return std::chrono::milliseconds(*seconds);
}

// The --send settings from their flags; a usage problem, or nullopt.
std::optional<std::string> read_send_settings(const parsed_args& args, send_settings& out) {
  if (auto v = args.get("timeout")) {
    const auto t = parse_timeout(*v);
    if (!t) return "--timeout takes whole seconds, 1 to 86400";
    out.timeout = *t;
  }
  if (auto v = args.get("connect-timeout")) {
    const auto t = parse_timeout(*v);
    if (!t) return "--connect-timeout takes whole seconds, 1 to 86400";
    out.connect_timeout = *t;
  }
  if (auto v = args.get("retries")) {
    int n = -1;
    const auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
    if (v->empty() || ec != std::errc{} || end != v->data() + v->size() || n < 0 || n > 10)
      return "--retries takes a number of retries, 0 to 10";
    out.retries = n;
  }
  out.retry_async_after_send = args.has("retry-async");
  out.json = args.has("json");
  if (!args.has("send"))
    for (const char* flag : {"timeout", "connect-timeout", "retries", "retry-async"})
      if (args.has(flag)) return "--" + std::string(flag) + " applies to --send only";
  return std::nullopt;
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
  const bool send = parsed->has("send");
  if (parsed->has("dry-run") && send)
    return usage_error(command, "--dry-run and --send exclude each other");
  if (send && !can_send()) return report_no_transport();
  const bool oss = spec.vendor == provider::oss;
  for (const char* required : {"region", "bucket", "key"})
    if (!parsed->has(required) && !(std::string_view(required) == "region" && !oss &&
                                    parsed->has("endpoint")))
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
  send_settings settings;
  if (auto bad = read_send_settings(*parsed, settings)) return usage_error(command, *bad);

  operation_input in;
  in.vendor = spec.vendor;
  in.kind = spec.kind;
  if (auto bad = read_common_flags(*parsed, in)) return usage_error(command, *bad);
  in.unchecked = parsed->has("unchecked");
  std::string file;
  upload_file upload;
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
      in.content_type = parsed->get("content-type").value_or("");
      if (auto bad = read_put_options(*parsed, in)) return usage_error(command, *bad);
      // Checked before anything is read or signed: a FIFO or /dev/zero is refused at once.
      file = *parsed->get("file");
      if (auto bad = upload.open(file)) return usage_error(command, *bad);
      if (in.compute_md5) {  // over the file, streamed: the body is never in memory
        std::string md5;
        if (auto bad = upload.content_md5(md5)) return usage_error(command, *bad);
        in.compute_md5 = false;
        if (in.content_md5)
          return usage_error(command, "--content-md5: a value or auto, not both");
        in.content_md5 = std::move(md5);
      }
      in.body_source = upload.body();
    }
  }

  // Nothing is sent without --send, whatever the build and the environment.
  auto keys = environment_credentials(spec.vendor);
  if (send && !keys) {
    std::fprintf(stderr, "objproc %s: --send needs credentials: %s\n", command.c_str(),
                 objproc::to_string(keys.error()).c_str());
    return exit_usage;
  }
  if (!keys && keys.error().code != objproc::errc::missing_credentials) {
    // Keys that are set but unusable (a control character): never replaced by example keys.
    std::fprintf(stderr, "objproc %s: credentials: %s\n", command.c_str(),
                 objproc::to_string(keys.error()).c_str());
    return exit_failed;
  }
  in.credentials = keys ? *keys : example_credentials(spec.vendor);
  if (send) return send_operation(in, settings);
  const build_result built = build(in);
  if (!built.ok) {
    if (settings.json) {
      (void)write_all(stdout, json_failure_line(built.failure) + "\n");
      return exit_failed;
    }
    return report_failure(built.failure);
  }
  if (!keys) print_example_banner(spec.vendor, true);
  const objproc::http::request& request = *built.ok->request;
  if (settings.json) {
    (void)write_all(stdout, json_success_line(*built.ok) + "\n");
    return exit_ok;
  }
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
