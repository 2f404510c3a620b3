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

{{/*
Settings that cannot be expressed in values.schema.json; checked before anything renders.
*/}}
{{- define "camera-cloud.validate" -}}
{{- if and .Values.redis.enabled (or .Values.redis.external.connectionString .Values.redis.external.existingSecret) }}
{{- fail "redis.enabled (bundled Redis) and redis.external are both set: choose one" }}
{{- end }}
{{- if and (not (include "camera-cloud.redisOn" .)) (gt (int .Values.replicaCount) 1) }}
{{- fail "replicaCount > 1 needs Redis storage (redis.enabled or redis.external): the embedded store is one pod's local folder" }}
{{- end }}
{{- if gt (int (include "camera-cloud.tunnelLastPort" .)) 65535 }}
{{- fail "tunnel.firstPort + tunnel.portCount - 1 is above 65535" }}
{{- end }}
{{- if ne (len (uniq .Values.roles)) 3 }}
{{- fail "roles: today one process has every role (edge, grains, gateway); a role split is not built yet" }}
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
