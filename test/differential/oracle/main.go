// Command oracle gives Bacalhau v1.9.3's own verdict on job specs, for differential tests.
//
// It links github.com/bacalhau-project/bacalhau@v1.9.3 and runs, in process, the code that
// decides whether a job spec is accepted:
//
//  1. cli: what `bacalhau job validate FILE` does (cmd/cli/job/validate.go):
//     util.ReadJobFromUser's empty-input check, marshaller.UnmarshalJob(bytes), then
//     Job.ValidateSubmission().
//  2. server: what `PUT /api/v1/orchestrator/jobs` with body {"Job": <spec as JSON>} does on an
//     orchestrator with the default config. The request goes through an in-process echo router
//     set up like pkg/publicapi/server.go (NormalizeBinder, CustomValidator,
//     CustomHTTPErrorHandler, BodyLimit "10MB", panic recovery → 500) into the REAL handler
//     (pkg/publicapi/endpoint/orchestrator/job.go putJob → c.Bind, c.Validate) and the REAL
//     orchestrator.BaseEndpoint.SubmitJob (pkg/orchestrator/endpoint.go: Normalize,
//     SanitizeSubmission, the job transformer chain of pkg/node/requester.go, GetJobByName,
//     BeginTx, CreateJob (Normalize + Validate + bolt writes), AddJobHistory, CreateEvaluation)
//     against a REAL boltdb job store (pkg/jobstore/boltdb) in a temp dir. The only change: the
//     store's transaction Commit is turned into a Rollback, so every spec meets an empty store
//     (a fresh job, never a name conflict or an update).
//
// Protocol: line-delimited JSON on stdin, one object per line (blank lines are skipped):
//
//	{"id": any, "text": string, "body"?: string, "echoBody"?: bool}
//
// text is the spec file's content (YAML or JSON), the CLI's input. For the server stage the REST
// body is `body` verbatim when given; otherwise {"Job": J} where J is text itself if text is valid
// JSON (what a REST user with a JSON file sends), else sigs.k8s.io/yaml v1.6.0 YAMLToJSON(text)
// (the converter the CLI itself uses: goyaml.v2, YAML 1.1 scalars such as yes/no/on/off are
// booleans). One line per input on stdout, in input order:
//
//	{"id": …, "cli": {"ok", "error"},
//	 "server": {"ok", "status", "stage", "error", "detail", "warnings"[, "body" if echoBody]}}
//
// server.stage is where the request stopped: "convert" (YAML→JSON failed, so no request can be
// made; status 0), "bind" (body limit, JSON binding; 4xx), "submit" (PutJobRequest.Validate =
// Job.ValidateSubmission; 400), "transform" (Normalize, SanitizeSubmission, job transformers),
// "store" (job store, including Job.Validate in CreateJob), or "" when accepted (status 200).
// server.error is exactly the Message of the real server's JSON error (for a 500 that is just
// "Internal server error"); server.detail is the underlying Go error (or "panic: …"), which the
// real server does not show. warnings are those of the 200 response. Panics are recovered per
// spec: cli {ok: false, error: "panic: …"}; server status 500 as echo's Recover middleware makes
// it, at the stage where it happened. A line that is not such a JSON object gets
// {"id": null, "error": "oracle: …", …}.
package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/labstack/echo/v4"
	echomiddleware "github.com/labstack/echo/v4/middleware"
	"github.com/rs/zerolog"
	"sigs.k8s.io/yaml"

	"github.com/bacalhau-project/bacalhau/pkg/config"
	"github.com/bacalhau-project/bacalhau/pkg/jobstore"
	boltjobstore "github.com/bacalhau-project/bacalhau/pkg/jobstore/boltdb"
	"github.com/bacalhau-project/bacalhau/pkg/lib/marshaller"
	"github.com/bacalhau-project/bacalhau/pkg/models"
	"github.com/bacalhau-project/bacalhau/pkg/orchestrator"
	"github.com/bacalhau-project/bacalhau/pkg/orchestrator/transformer"
	"github.com/bacalhau-project/bacalhau/pkg/publicapi"
	"github.com/bacalhau-project/bacalhau/pkg/publicapi/apimodels"
	orchestratorendpoint "github.com/bacalhau-project/bacalhau/pkg/publicapi/endpoint/orchestrator"
	"github.com/bacalhau-project/bacalhau/pkg/publicapi/middleware"
	"github.com/bacalhau-project/bacalhau/pkg/userstrings"
)

const jobsPath = "/api/v1/orchestrator/jobs"

// Stages of the server verdict.
const (
	stageConvert   = "convert"
	stageBind      = "bind"
	stageSubmit    = "submit"
	stageTransform = "transform"
	stageStore     = "store"
	stageAccepted  = ""
)

type input struct {
	ID       json.RawMessage `json:"id"`
	Text     *string         `json:"text"`
	Body     *string         `json:"body"`
	EchoBody bool            `json:"echoBody"`
}

type cliVerdict struct {
	OK    bool   `json:"ok"`
	Error string `json:"error"`
}

type serverVerdict struct {
	OK       bool     `json:"ok"`
	Status   int      `json:"status"`
	Stage    string   `json:"stage"`
	Error    string   `json:"error"`
	Detail   string   `json:"detail"`
	Warnings []string `json:"warnings"`
	Body     *string  `json:"body,omitempty"`
}

type output struct {
	ID     json.RawMessage `json:"id"`
	CLI    cliVerdict      `json:"cli"`
	Server serverVerdict   `json:"server"`
	// Error is set only for an input line that could not be read (then id is null).
	Error string `json:"error,omitempty"`
}

// ---------------------------------------------------------------------------------------------
// Stage 1: `bacalhau job validate FILE`

func cliStage(text []byte) (v cliVerdict) {
	defer func() {
		if r := recover(); r != nil {
			v = cliVerdict{OK: false, Error: fmt.Sprintf("panic: %v", r)}
		}
	}()
	// cmd/util/reader.go ReadJobFromUser
	if len(text) == 0 {
		return cliVerdict{Error: fmt.Sprintf("%s: no content provided", userstrings.JobSpecBad)}
	}
	// cmd/cli/job/validate.go run
	j, err := marshaller.UnmarshalJob(text)
	if err != nil {
		return cliVerdict{Error: err.Error()}
	}
	if err := j.ValidateSubmission(); err != nil {
		return cliVerdict{Error: err.Error()}
	}
	return cliVerdict{OK: true}
}

// ---------------------------------------------------------------------------------------------
// Stage 2: PUT /api/v1/orchestrator/jobs

type oracle struct {
	router *echo.Echo
	store  *boltjobstore.BoltJobStore
	// stage the current request has reached; requests are served one at a time.
	stage string
	// panic recovered while serving the current request, "" if none.
	panic string
	// err is the error the handler returned for the current request (nil if none).
	err error
}

// stagedValidator wraps the server's CustomValidator: being called means binding succeeded.
type stagedValidator struct {
	o     *oracle
	inner echo.Validator
}

func (v stagedValidator) Validate(i interface{}) error {
	v.o.stage = stageSubmit
	if err := v.inner.Validate(i); err != nil {
		return err
	}
	// Next in SubmitJob: Normalize, SanitizeSubmission, then the transformers.
	v.o.stage = stageTransform
	return nil
}

// stagedTransformer wraps the real transformer chain; after it the store is next.
type stagedTransformer struct {
	o     *oracle
	inner transformer.JobTransformer
}

func (t stagedTransformer) Transform(ctx context.Context, job *models.Job) error {
	t.o.stage = stageTransform
	if err := t.inner.Transform(ctx, job); err != nil {
		return err
	}
	t.o.stage = stageStore
	return nil
}

// freshStore is the real bolt job store whose transactions never commit, so that every
// submission sees an empty store.
type freshStore struct {
	jobstore.Store
}

func (s freshStore) BeginTx(ctx context.Context) (jobstore.TxContext, error) {
	tx, err := s.Store.BeginTx(ctx)
	if err != nil {
		return nil, err
	}
	return rollbackTx{tx}, nil
}

type rollbackTx struct {
	jobstore.TxContext
}

func (t rollbackTx) Commit() error { return t.TxContext.Rollback() }

func newOracle(dbPath string) (*oracle, error) {
	store, err := boltjobstore.NewBoltJobStore(dbPath)
	if err != nil {
		return nil, err
	}
	o := &oracle{store: store}

	// pkg/node/requester.go: the job transformers of an orchestrator, with the default config's
	// JobDefaults. The node ID, installation ID and instance ID only end up in Job.Meta values.
	cfg := config.Default
	chain := transformer.ChainedTransformer[*models.Job]{
		transformer.JobFn(transformer.IDGenerator),
		transformer.NameOptional(),
		transformer.RequesterInfo("n-oracle"),
		transformer.OrchestratorInstallationID("oracle-installation-id"),
		transformer.OrchestratorInstanceID("oracle-instance-id"),
		transformer.DefaultsApplier(cfg.JobDefaults),
		transformer.NewLegacyWasmModuleTransformer(),
	}
	endpoint := orchestrator.NewBaseEndpoint(&orchestrator.BaseEndpointParams{
		ID:             "n-oracle",
		Store:          freshStore{store},
		JobTransformer: stagedTransformer{o: o, inner: chain},
	})

	// pkg/publicapi/server.go NewAPIServer: binder, validator, error handler and the middleware
	// that matters for a job body (Recover, BodyLimit). Authorization with the default
	// always-allow policy, rate limiting, timeouts, logging and version headers do not depend on
	// the spec and are left out.
	e := echo.New()
	e.HideBanner = true
	e.HidePort = true
	e.Binder = publicapi.NewNormalizeBinder()
	e.Validator = stagedValidator{o: o, inner: publicapi.NewCustomValidator()}
	e.HTTPErrorHandler = func(err error, c echo.Context) {
		o.err = err
		middleware.CustomHTTPErrorHandler(err, c)
	}
	e.Use(
		func(next echo.HandlerFunc) echo.HandlerFunc {
			// Like echomiddleware.Recover: a panic becomes an error → 500 "Internal server error".
			return func(c echo.Context) (err error) {
				defer func() {
					if r := recover(); r != nil {
						o.panic = fmt.Sprintf("%v", r)
						err = fmt.Errorf("[PANIC RECOVER] %v", r)
					}
				}()
				return next(c)
			}
		},
		echomiddleware.BodyLimit(publicapi.DefaultConfig().MaxBytesToReadInBody),
	)
	// The real routes and handler (putJob), backed by the real BaseEndpoint.
	orchestratorendpoint.NewEndpoint(orchestratorendpoint.EndpointParams{
		Router:       e,
		Orchestrator: endpoint,
		JobStore:     freshStore{store},
	})
	o.router = e
	return o, nil
}

// errorDetail is the text of an error the handler returned, without echo's "code=…, message="
// framing.
func errorDetail(err error) string {
	var he *echo.HTTPError
	if errors.As(err, &he) {
		msg := fmt.Sprint(he.Message)
		if he.Internal != nil && !strings.Contains(msg, he.Internal.Error()) {
			msg += ": " + he.Internal.Error()
		}
		return msg
	}
	return err.Error()
}

// restBody is what a REST user sends for a spec file.
func restBody(in *input) ([]byte, error) {
	if in.Body != nil {
		return []byte(*in.Body), nil
	}
	text := []byte(*in.Text)
	var job []byte
	if json.Valid(text) {
		job = text
	} else {
		converted, err := yaml.YAMLToJSON(text)
		if err != nil {
			return nil, fmt.Errorf("converting yaml to json: %w", err)
		}
		job = converted
	}
	body := make([]byte, 0, len(job)+9)
	body = append(body, `{"Job":`...)
	body = append(body, job...)
	body = append(body, '}')
	return body, nil
}

func (o *oracle) serverStage(in *input, body []byte, err error) (v serverVerdict) {
	v.Warnings = []string{}
	if in.EchoBody && body != nil {
		s := string(body)
		v.Body = &s
	}
	if err != nil {
		v.Stage = stageConvert
		v.Error = err.Error()
		v.Detail = v.Error
		return v
	}

	o.stage = stageBind
	o.panic = ""
	o.err = nil
	defer func() {
		// A panic outside the handler (e.g. in the error handler itself).
		if r := recover(); r != nil {
			v.OK = false
			v.Status = http.StatusInternalServerError
			v.Stage = o.stage
			v.Error = "Internal server error"
			v.Detail = fmt.Sprintf("panic: %v", r)
			v.Warnings = []string{}
		}
	}()
	req := httptest.NewRequest(http.MethodPut, jobsPath, bytes.NewReader(body))
	req.Header.Set(echo.HeaderContentType, echo.MIMEApplicationJSON)
	rec := httptest.NewRecorder()
	o.router.ServeHTTP(rec, req)

	v.Status = rec.Code
	if rec.Code >= 200 && rec.Code < 300 {
		var resp apimodels.PutJobResponse
		if err := json.Unmarshal(rec.Body.Bytes(), &resp); err != nil {
			v.Stage = o.stage
			v.Error = fmt.Sprintf("oracle: cannot read the success response: %v", err)
			return v
		}
		v.OK = true
		v.Stage = stageAccepted
		if resp.Warnings != nil {
			v.Warnings = resp.Warnings
		}
		return v
	}
	v.Stage = o.stage
	var apiErr apimodels.APIError
	if err := json.Unmarshal(rec.Body.Bytes(), &apiErr); err != nil {
		v.Error = strings.TrimSpace(rec.Body.String())
	} else {
		v.Error = apiErr.Message
	}
	switch {
	case o.panic != "":
		v.Detail = "panic: " + o.panic
	case o.err != nil:
		v.Detail = errorDetail(o.err)
	default:
		v.Detail = v.Error
	}
	return v
}

// ---------------------------------------------------------------------------------------------

// prepared is an input line after the stages that can run in parallel: decoding the line, the
// CLI verdict and building the REST body. The server stage then runs in input order, one at a time.
type prepared struct {
	in      input
	out     output
	body    []byte
	bodyErr error
}

func prepare(line []byte) (p *prepared) {
	p = &prepared{}
	var in input
	if err := json.Unmarshal(line, &in); err != nil || (in.Text == nil && in.Body == nil) {
		msg := "oracle: an input line must be a JSON object with a string \"text\" (or \"body\")"
		if err != nil {
			msg = fmt.Sprintf("oracle: bad input line: %v", err)
		}
		p.out = output{
			ID:     json.RawMessage("null"),
			CLI:    cliVerdict{Error: msg},
			Server: serverVerdict{Stage: stageConvert, Error: msg, Detail: msg, Warnings: []string{}},
			Error:  msg,
		}
		return p
	}
	if len(in.ID) == 0 {
		in.ID = json.RawMessage("null")
	}
	p.in = in
	p.out.ID = in.ID
	if in.Text != nil {
		p.out.CLI = cliStage([]byte(*in.Text))
	} else {
		p.out.CLI = cliVerdict{Error: "oracle: no \"text\" given"}
	}
	func() {
		defer func() {
			if r := recover(); r != nil {
				p.body, p.bodyErr = nil, fmt.Errorf("converting yaml to json: panic: %v", r)
			}
		}()
		p.body, p.bodyErr = restBody(&in)
	}()
	return p
}

// judge completes a prepared line with the server verdict.
func (o *oracle) judge(p *prepared) output {
	if p.out.Error == "" {
		p.out.Server = o.serverStage(&p.in, p.body, p.bodyErr)
	}
	return p.out
}

type lineJob struct {
	line []byte
	p    *prepared
	done chan struct{}
}

func main() {
	// Keep stdout for the protocol: anything Bacalhau or its libraries print goes to stderr.
	protocolOut := os.Stdout
	os.Stdout = os.Stderr
	zerolog.SetGlobalLevel(zerolog.Disabled)
	debug.SetGCPercent(400)

	dir, err := os.MkdirTemp("", "bacalhau-oracle-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "oracle:", err)
		os.Exit(1)
	}
	defer os.RemoveAll(dir)
	o, err := newOracle(filepath.Join(dir, "jobs.db"))
	if err != nil {
		_ = os.RemoveAll(dir)
		fmt.Fprintln(os.Stderr, "oracle:", err)
		os.Exit(1)
	}

	// A reader feeds lines to workers (CLI stage, REST body) and, in input order, to the one
	// goroutine that runs the server stage (the store takes one write transaction at a time) and
	// writes the output.
	workers := runtime.GOMAXPROCS(0)
	work := make(chan *lineJob, 4*workers)
	ordered := make(chan *lineJob, 64*workers)
	for range workers {
		go func() {
			for j := range work {
				j.p = prepare(j.line)
				close(j.done)
			}
		}()
	}
	go func() {
		in := bufio.NewReaderSize(os.Stdin, 1<<20)
		for {
			line, readErr := in.ReadBytes('\n')
			if len(bytes.TrimSpace(line)) > 0 {
				j := &lineJob{line: line, done: make(chan struct{})}
				ordered <- j
				work <- j
			}
			if readErr != nil {
				if !errors.Is(readErr, io.EOF) {
					fmt.Fprintln(os.Stderr, "oracle: reading input:", readErr)
				}
				break
			}
		}
		close(work)
		close(ordered)
	}()

	w := bufio.NewWriterSize(protocolOut, 1<<20)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for j := range ordered {
		<-j.done
		if err := enc.Encode(o.judge(j.p)); err != nil {
			fmt.Fprintln(os.Stderr, "oracle: writing output:", err)
			break
		}
		// Flush whenever no finished line is waiting: batch throughput, interactive latency.
		if len(ordered) == 0 {
			if err := w.Flush(); err != nil {
				break
			}
		}
	}
	_ = w.Flush()
	_ = o.store.Close(context.Background())
}
