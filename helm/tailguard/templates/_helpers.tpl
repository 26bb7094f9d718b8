{{/* Chart name. */}}
{{- define "tailguard.name" -}}
{{- .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Fully qualified app name: the release name when it already contains the chart name. */}}
{{- define "tailguard.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 40 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "tailguard.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/name: {{ include "tailguard.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{- define "tailguard.selectorLabels" -}}
app.kubernetes.io/name: {{ include "tailguard.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "tailguard.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) -}}
{{- end -}}

{{- define "tailguard.secretName" -}}
{{- default (printf "%s-secrets" (include "tailguard.fullname" .)) .Values.secret.existingSecret -}}
{{- end -}}

{{- define "tailguard.brokerName" -}}
{{- include "tailguard.fullname" . -}}
{{- end -}}

{{/* envFrom shared by every Tailguard container. */}}
{{- define "tailguard.envFrom" -}}
- configMapRef:
    name: {{ include "tailguard.fullname" . }}-config
- secretRef:
    name: {{ include "tailguard.secretName" . }}
{{- end -}}

{{/* The dead-letter image pinned by digest (preferred) or exact tag. */}}
{{- define "tailguard.deadLetterImage" -}}
{{- $i := .Values.deadLetter.image -}}
{{- if $i.digest -}}
{{- printf "%s@%s" $i.repository $i.digest -}}
{{- else -}}
{{- printf "%s:%s" $i.repository (required "deadLetter.image.tag or deadLetter.image.digest is required" $i.tag) -}}
{{- end -}}
{{- end -}}
