# One image for every Trinity role. Build:   docker build -t trinity .
# Run:   docker run -p 8000:8000 trinity                      (all-in-one gateway)
#        docker run -e TRINITY_ROLE=prefill -p 8101:8101 trinity (or decode / vector)
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
# ONNX Runtime and ONNX Runtime GenAI come from NuGet (Microsoft.ML.OnnxRuntime, Microsoft.ML.OnnxRuntimeGenAI).
WORKDIR /src
COPY . .
RUN dotnet publish src/Trinity.Gateway -c Release -o /app/gateway \
 && dotnet publish src/Trinity.Engine -c Release -o /app/engine

FROM mcr.microsoft.com/dotnet/aspnet:10.0
# ICU: the processes run with .NET globalization on (the tokenizers' Unicode normalization). Its package name carries
# its version (libicu72 on Debian 12, libicu74 on Ubuntu 24.04): take the one the base image's release has.
RUN apt-get update \
 && apt-get install -y --no-install-recommends $(apt-cache search --names-only '^libicu[0-9]+$' | cut -d' ' -f1 | sort -V | tail -n 1) \
 && rm -rf /var/lib/apt/lists/*
ENV ORT_DISABLE_TELEMETRY=1 \
    TRINITY_HOME=/data \
    TRINITY_ROLE=gateway \
    ASPNETCORE_URLS=http://0.0.0.0:8000
COPY --from=build /app /app
COPY deploy/entrypoint.sh /app/entrypoint.sh
VOLUME /data
EXPOSE 8000
ENTRYPOINT ["/bin/sh", "/app/entrypoint.sh"]
