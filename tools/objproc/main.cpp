// SPDX-License-Identifier: MIT
// tools/objproc/main.cpp - `objproc <command> ...`: finds the command and hands it the rest.
#include <cstdio>
#include <span>
#include <string_view>

#include <objproc/version.hpp>

#include "args.hpp"
#include "commands.hpp"
#include "environment.hpp"

namespace {

struct command {
  std::string_view name;
  std::string_view summary;
  int (*run)(std::span<char* const>);
};

constexpr command commands[] = {
    {"validate", "check an OSS process string or a CI rule; print its canonical form",
     objproc_cli::run_validate},
    {"presign", "print a presigned GET URL (OSS style or CI rule applied on download)",
     objproc_cli::run_presign},
    {"process", "OSS ProcessObject (x-oss-process, sys/saveas)", objproc_cli::run_process},
    {"async-process", "OSS AsyncProcessObject (x-oss-async-process, sys/notify)",
     objproc_cli::run_async_process},
    {"ci-put", "COS upload with Pic-Operations (CI processing on upload)", objproc_cli::run_ci_put},
    {"ci-process", "COS POST ?image_process (CI processing of a stored object)",
     objproc_cli::run_ci_process},
    {"sign", "sign operations given as JSON lines on stdin (--jsonl)", objproc_cli::run_sign},
};

void print_help(std::FILE* out) {
  std::fprintf(out,
               "usage: objproc <command> [options]   (objproc <command> --help for details)\n\n"
               "Builds, checks and signs Alibaba OSS and Tencent COS + CI processing requests.\n\n"
               "commands:\n");
  for (const command& c : commands)
    std::fprintf(out, "  %-15.*s %.*s\n", static_cast<int>(c.name.size()), c.name.data(),
                 static_cast<int>(c.summary.size()), c.summary.data());
  std::fprintf(out,
               "\nexit status: 0 success, 1 the operation failed (invalid input, service "
               "error),\n2 bad usage (unknown flag, missing value, --send without libcurl)\n");
}

}  // namespace

int main(int argc, char** argv) {
  const std::span<char* const> args(argv, static_cast<std::size_t>(argc));
  if (args.size() < 2) {
    print_help(stderr);
    return objproc_cli::exit_usage;
  }
  const std::string_view name = args[1];
  if (name == "-h" || name == "--help" || name == "help") {
    print_help(stdout);
    return objproc_cli::exit_ok;
  }
  if (name == "--version") {
    std::printf("objproc %d.%d.%d (transport: %s)\n", OBJPROC_VERSION_MAJOR, OBJPROC_VERSION_MINOR,
                OBJPROC_VERSION_PATCH,
                objproc_cli::can_send() ? "libcurl" : "none, built without libcurl");
    return objproc_cli::exit_ok;
  }
  for (const command& c : commands)
    if (c.name == name) return c.run(args.subspan(2));
  std::fprintf(stderr, "objproc: unknown command '%.*s'\n\n", static_cast<int>(name.size()),
               name.data());
  print_help(stderr);
  return objproc_cli::exit_usage;
}
