{{/* Chart name, truncated to the 63 characters of a DNS label. */}}
{{- define "camera-cloud.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Full name of the release's objects. */}}
{{- define "camera-cloud.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "camera-cloud.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "camera-cloud.labels" -}}
helm.sh/chart: {{ include "camera-cloud.chart" . }}
{{ include "camera-cloud.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/* Selects the node's pods only (not the bundled Redis). */}}
{{- define "camera-cloud.selectorLabels" -}}
app.kubernetes.io/name: {{ include "camera-cloud.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: node
{{- end }}

{{- define "camera-cloud.redisSelectorLabels" -}}
app.kubernetes.io/name: {{ include "camera-cloud.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: redis
{{- end }}

{{- define "camera-cloud.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "camera-cloud.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* "true" when state goes to Redis (bundled or external). */}}
{{- define "camera-cloud.redisOn" -}}
{{- if or .Values.redis.enabled .Values.redis.external.connectionString .Values.redis.external.existingSecret }}true{{ end }}
{{- end }}

{{/* Last agent target port: Tunnel:PortRange is firstPort-lastPort inclusive. */}}
{{- define "camera-cloud.tunnelLastPort" -}}
{{- sub (add .Values.tunnel.firstPort .Values.tunnel.portCount) 1 }}
{{- end }}

{{/* "true" when the pods run the device listeners (V720 and the agents' WebSocket). */}}
{{- define "camera-cloud.edge" -}}
{{- if has "edge" .Values.roles }}true{{ end }}
{{- end }}

{{/* "true" when the pods run the agents' per-target ports. */}}
{{- define "camera-cloud.gateway" -}}
{{- if has "gateway" .Values.roles }}true{{ end }}
{{- end }}

{{/* "true" when each camera is told its pod's node address and reaches TCP/UDP 6123 through a hostPort. */}}
{{- define "camera-cloud.podAddress" -}}
{{- if and (include "camera-cloud.edge" .) .Values.v720.podAddress.enabled }}true{{ end }}
{{- end }}

{{/*
Seconds of a .NET TimeSpan string, [d.]hh:mm:ss[.fffffff] (the schema's pattern), as a number, so that
the template can compare cluster timings the way the node will.
*/}}
{{- define "camera-cloud.seconds" -}}
{{- $parts := regexSplit ":" . -1 }}
{{- $dayHour := regexSplit "\\." (index $parts 0) -1 }}
{{- $days := 0.0 }}
{{- $hours := float64 (index $dayHour 0) }}
{{- if eq (len $dayHour) 2 }}
{{- $days = float64 (index $dayHour 0) }}
{{- $hours = float64 (index $dayHour 1) }}
{{- end }}
{{- addf (mulf $days 86400) (mulf $hours 3600) (mulf (float64 (index $parts 1)) 60) (float64 (index $parts 2)) }}
{{- end }}

{{/*
Settings that cannot be expressed in values.schema.json; checked before anything renders.
*/}}
{{- define "camera-cloud.validate" -}}
{{- $replicas := int .Values.replicaCount }}
{{- if and .Values.redis.enabled (or .Values.redis.external.connectionString .Values.redis.external.existingSecret) }}
{{- fail "redis.enabled (bundled Redis) and redis.external are both set: choose one" }}
{{- end }}
{{- if and (not (include "camera-cloud.redisOn" .)) (gt $replicas 1) }}
{{- fail "replicaCount > 1 needs Redis storage (redis.enabled or redis.external): the embedded store is one pod's local folder" }}
{{- end }}
{{- if gt (int (include "camera-cloud.tunnelLastPort" .)) 65535 }}
{{- fail "tunnel.firstPort + tunnel.portCount - 1 is above 65535" }}
{{- end }}
{{- if and (not (include "camera-cloud.redisOn" .)) (not (and (include "camera-cloud.edge" .) (include "camera-cloud.gateway" .))) }}
{{- fail "roles without both edge and gateway make a role split, whose releases must share one Redis (redis.external): with the embedded store this release's devices and ports could not meet" }}
{{- end }}
{{- if and (include "camera-cloud.edge" .) (gt $replicas 1) (not .Values.v720.podAddress.enabled) (not .Values.v720.podAddress.acknowledgeSharedService) }}
{{- fail (printf "replicaCount is %d with the edge role, but a Kubernetes Service balances a camera's TCP control (port %d) and its UDP media independently, so they can reach different pods and its video fails. Set v720.podAddress.enabled=true (each pod tells cameras its node's address and takes TCP+UDP %d as a hostPort; one pod per node), or v720.podAddress.acknowledgeSharedService=true if no V720 cameras connect or the load balancer keeps a camera on one pod across TCP and UDP" $replicas (int .Values.v720.tcpPort) (int .Values.v720.tcpPort)) }}
{{- end }}
{{- if and (include "camera-cloud.podAddress" .) .Values.v720.publicHost }}
{{- fail "v720.publicHost and v720.podAddress.enabled are both set: with podAddress each pod tells cameras its own node's address; leave publicHost empty and point *.naxclow.com at the V720 Service (bootstrap HTTP and MQTT)" }}
{{- end }}
{{- $heartbeat := include "camera-cloud.seconds" .Values.cluster.heartbeatInterval | float64 }}
{{- $expiry := include "camera-cloud.seconds" .Values.cluster.nodeExpiry | float64 }}
{{- if lt $expiry (mulf $heartbeat 3) }}
{{- fail (printf "cluster.nodeExpiry (%s) must be at least 3 x cluster.heartbeatInterval (%s): one late heartbeat must not expire a live node" .Values.cluster.nodeExpiry .Values.cluster.heartbeatInterval) }}
{{- end }}
{{- end }}

{{/* Every listener needs its own port: the gateway, V720 HTTP/TCP/MQTT and the agent target range. */}}
{{- define "camera-cloud.validatePorts" -}}
{{- $first := int .Values.tunnel.firstPort }}
{{- $last := int (include "camera-cloud.tunnelLastPort" .) }}
{{- $fixed := list (int .Values.gateway.port) (int .Values.v720.httpPort) (int .Values.v720.tcpPort) (int .Values.v720.mqttPort) }}
{{- if ne (len (uniq $fixed)) 4 }}
{{- fail "gateway.port, v720.httpPort, v720.tcpPort and v720.mqttPort must differ" }}
{{- end }}
{{- range $fixed }}
{{- if and (ge . $first) (le . $last) }}
{{- fail (printf "port %d lies inside the agent target range tunnel.firstPort..+portCount (%d-%d)" . $first $last) }}
{{- end }}
{{- end }}
{{- end }}

{{/*
The pod's affinity: the values' own, plus with podAddress a required anti-affinity against this release's
other node pods on the same host, because two pods cannot both take hostPort 6123 on one node.
*/}}
{{- define "camera-cloud.affinity" -}}
{{- $affinity := deepCopy (.Values.affinity | default dict) }}
{{- if include "camera-cloud.podAddress" . }}
{{- $anti := deepCopy (get $affinity "podAntiAffinity" | default dict) }}
{{- $required := get $anti "requiredDuringSchedulingIgnoredDuringExecution" | default list }}
{{- $selector := dict "app.kubernetes.io/name" (include "camera-cloud.name" .) "app.kubernetes.io/instance" .Release.Name "app.kubernetes.io/component" "node" }}
{{- $term := dict "topologyKey" "kubernetes.io/hostname" "labelSelector" (dict "matchLabels" $selector) }}
{{- $_ := set $anti "requiredDuringSchedulingIgnoredDuringExecution" (append $required $term) }}
{{- $_ := set $affinity "podAntiAffinity" $anti }}
{{- end }}
{{- if $affinity }}
{{- toYaml $affinity }}
{{- end }}
{{- end }}
