module bacalhau-jobs/test/e2e/wasm

go 1.21
