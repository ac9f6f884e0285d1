# syntax=docker/dockerfile:1
# GradientService: the Api (with the Blazor dashboard's files) in one non-root container; the SQLite store lives in /data.
#   docker build -t gradientservice .
#   docker run -p 127.0.0.1:5080:8080 -v gradient-data:/data gradientservice

# The dashboard's chart library (pinned in src/Web/package-lock.json); with node_modules present the Web build skips npm.
FROM node:20-bookworm-slim AS charts
WORKDIR /src/Web
COPY src/Web/package.json src/Web/package-lock.json ./
RUN npm ci --no-audit --no-fund

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore first, from the project files only, so source edits keep the package layer cached.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/Contracts/GradientService.Contracts.csproj src/Contracts/
COPY src/Core/GradientService.Core.csproj src/Core/
COPY src/Web/GradientService.Web.csproj src/Web/
COPY src/Api/GradientService.Api.csproj src/Api/
RUN dotnet restore src/Api/GradientService.Api.csproj
COPY src/ src/
COPY --from=charts /src/Web/node_modules src/Web/node_modules
RUN dotnet publish src/Api/GradientService.Api.csproj -c Release -o /app --no-restore /p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
# curl for the health check only.
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && mkdir -p /data && chown "$APP_UID" /data
WORKDIR /app
COPY --from=build /app ./
ENV ASPNETCORE_HTTP_PORTS=8080 \
    Storage__DatabasePath=/data/gradients.db \
    DOTNET_gcServer=0
VOLUME ["/data"]
EXPOSE 8080
# The image's non-root user (uid 1654).
USER $APP_UID
# SIGTERM (docker stop) drains: runs checkpoint and stay resumable, the last batch is committed, within 8 s.
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD curl -fsS http://127.0.0.1:8080/health/ready || exit 1
ENTRYPOINT ["dotnet", "GradientService.Api.dll"]
