#pragma once

// salvo-cli's options for reaching the endpoints (proxy, certificates, sign-in, cookies) and
// for pacing, named as curl names them where curl has them.

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QList>
#include <QProcessEnvironment>

#include "Expected.h"
#include "batch/Variables.h"
#include "engine/RunOptions.h"
#include "network/NetworkAccess.h"

namespace salvo::cli {

struct CliNetworkOptions
{
    CliNetworkOptions();

    QCommandLineOption proxy;
    QCommandLineOption proxyUser;
    QCommandLineOption noProxy;
    QCommandLineOption cacert;
    QCommandLineOption cert;
    QCommandLineOption key;
    QCommandLineOption certType;
    QCommandLineOption user;
    QCommandLineOption bearer;
    QCommandLineOption apiKey;
    QCommandLineOption apiKeyIn;
    QCommandLineOption oauth2;
    QCommandLineOption tokenUrl;
    QCommandLineOption clientId;
    QCommandLineOption clientSecret;
    QCommandLineOption scope;
    QCommandLineOption cookies;
    QCommandLineOption rate;
    QCommandLineOption ratePerHost;
    QCommandLineOption env;
    QCommandLineOption envFile;

    QList<QCommandLineOption> all() const;
    // Those a resume takes: how to reach the endpoints, which the history does not keep.
    QList<QCommandLineOption> reach() const;
};

// What the options say. A secret not on the command line is read from the environment:
// SALVO_PASSWORD for -u USER, SALVO_TOKEN for the bearer token, SALVO_CLIENT_SECRET,
// SALVO_PROXY_PASSWORD for --proxy-user USER, SALVO_CERT_PASSWORD for --cert FILE.
Expected<NetworkAccess> readNetworkAccess(const QCommandLineParser &parser,
                                          const CliNetworkOptions &options,
                                          const QProcessEnvironment &environment);

// --rate and --rate-per-host into the run's options, and --cookies.
Expected<> readPacing(const QCommandLineParser &parser, const CliNetworkOptions &options,
                      RunOptions &run);

// --env NAME from --env-file FILE (default: the window's, defaultEnvironmentsPath()); none
// without --env.
Expected<Environment> readEnvironment(const QCommandLineParser &parser,
                                      const CliNetworkOptions &options);

// "20/s", "300/m", "1000/h", "5" (an hour, as curl reads it): requests a second.
Expected<double> parseRate(const QString &text);

} // namespace salvo::cli
