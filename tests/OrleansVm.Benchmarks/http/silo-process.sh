# Sourced by the HTTP benchmark scripts: a free loopback port, and a silo process stopped cleanly
# (SIGTERM, up to 10 s for its graceful stop, then SIGKILL). The caller sets silo_pid when it starts one.
silo_pid=""

free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
  echo "no free port found" >&2; exit 1
}

stop_silo() {
  if [ -n "$silo_pid" ] && kill -0 "$silo_pid" 2>/dev/null; then
    kill -TERM "$silo_pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$silo_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$silo_pid" 2>/dev/null || true
  fi
  silo_pid=""
}
